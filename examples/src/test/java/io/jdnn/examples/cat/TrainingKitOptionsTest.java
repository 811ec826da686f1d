package io.jdnn.examples.cat;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.examples.ProjectData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train}'s options from issue 18 on the command line: usage errors and short real runs. */
class TrainingKitOptionsTest {
  private static final String DATA = ProjectData.catvnoncat().toString();

  private static List<String> adam(String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("train", "--data", DATA, "--layers", "12288,7,1",
        "--optimizer", "adam", "--learning-rate", "1e-3", "--iterations", "3", "--print-every", "1"));
    args.addAll(List.of(more));
    return args;
  }

  private static CliRun run(List<String> args) {
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void badValuesAreUsageMistakesOnOneLine() {
    for (String[] args : new String[][] {
        {"train", "--weight-decay", "-0.1", "--optimizer", "adam"},
        {"train", "--weight-decay", "0.01"},
        {"train", "--weight-decay", "0.01", "--optimizer", "momentum"},
        {"train", "--clip-norm", "-1"},
        {"train", "--clip-norm", "NaN"},
        {"train", "--class-weights", "1"},
        {"train", "--class-weights", "1,-2"},
        {"train", "--class-weights", "heavy"}}) {
      CliRun run = CliRun.of(args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.err().lines().toList()).as(String.join(" ", args)).hasSize(1);
      assertThat(run.err()).as(String.join(" ", args)).contains(args[1]);
    }
    assertThat(CliRun.of("train", "--weight-decay", "0.01").err()).contains("--optimizer adam").contains("--l2");
  }

  @Test
  void weightDecayAndClippingChangeTheRunAndOnlyWhenSet() {
    List<String> plain = run(adam()).out().lines().toList();
    List<String> zero = run(adam("--weight-decay", "0", "--clip-norm", "0")).out().lines().toList();
    assertThat(zero).as("0 means off: the same run, digit for digit").isEqualTo(plain);
    // Decay acts from the first update: the cost printed after it (iteration 1) differs.
    List<String> decayed = run(adam("--weight-decay", "5")).out().lines().toList();
    assertThat(decayed.get(0)).isEqualTo(plain.get(0));
    assertThat(decayed.get(1)).startsWith("Cost after iteration 1: ").isNotEqualTo(plain.get(1));
    // A tiny clipping norm shortens every step; Adam's first step is nearly independent of the
    // gradient's length, so look at the cost after a few steps instead of after one.
    List<String> clipped = run(adam("--clip-norm", "1e-6")).out().lines().toList();
    assertThat(clipped.get(0)).isEqualTo(plain.get(0));
    assertThat(clipped.subList(1, 3)).isNotEqualTo(plain.subList(1, 3));
  }

  @Test
  void batchNormIsSavedAndTheSavedModelIsUsable(@TempDir Path dir) {
    Path file = dir.resolve("bn.h5");
    // --epochs says how long instead of adam()'s --iterations (giving both is a usage mistake).
    List<String> args = new java.util.ArrayList<>(adam("--batch-norm", "--batch-size", "64", "--epochs", "2",
        "--save", file.toString()));
    int iterations = args.indexOf("--iterations");
    args.subList(iterations, iterations + 2).clear();
    CliRun trained = run(args);
    assertThat(trained.exitCode()).as(trained.err()).isZero();
    assertThat(trained.out()).contains("Cost after epoch 1: ").contains("Test accuracy: ");
    CliRun summary = CliRun.of("summary", "--model", file.toString());
    assertThat(summary.exitCode()).as(summary.err()).isZero();
    assertThat(summary.out()).contains("Dense(in=12288, out=7, bias=false)")
        .contains("BatchNormalization(features=7, momentum=0.9, epsilon=1.0E-5)")
        .contains("running_mean2 7x1");
    CliRun evaluated = CliRun.of("evaluate", "--model", file.toString(), "--data", DATA);
    assertThat(evaluated.exitCode()).as(evaluated.err()).isZero();
    // evaluate predicts with the running averages, as train's own accuracy lines do.
    String testLine = trained.out().lines().filter(l -> l.startsWith("Test accuracy: ")).findFirst().orElseThrow();
    assertThat(evaluated.out()).contains(testLine.substring("Test accuracy: ".length()));
  }

  @Test
  void classWeightsChangeTheCostFromTheFirstIteration() {
    List<String> plain = run(adam()).out().lines().toList();
    assertThat(run(adam("--class-weights", "1,1")).out().lines().toList()).as("weights of 1: the course's cost")
        .isEqualTo(plain);
    List<String> balanced = run(adam("--class-weights", "balanced")).out().lines().toList();
    List<String> explicit = run(adam("--class-weights", 209.0 / 274 + "," + 209.0 / 144))
        .out().lines().toList();
    assertThat(balanced.get(0)).startsWith("Cost after iteration 0: ").isNotEqualTo(plain.get(0));
    // balanced is m / (2 n_c) on the training labels: 137 non-cats and 72 cats.
    assertThat(explicit.get(0)).isEqualTo(balanced.get(0));
  }
}
