package io.jdnn.examples.cat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command line on the real cat data, with small networks (logistic regression, 12288 -> 1)
 * or few iterations so the suite stays quick on the default kernel.
 */
class TrainAndTuneCommandTest {
  private static final String DATA =
      Path.of(System.getProperty("jdnn.shared", "../shared"), "datasets", "catvnoncat").toString();

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = CatClassifier.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void defaultsStillPrintTheCoursesTwoLayerCosts() {
    Run r = run("train", "--data", DATA, "--layers", "12288,7,1", "--init", "small", "--iterations", "101");
    assertThat(r.exit()).isEqualTo(0);
    // From the course's published run (course-numbers.md), to relative 1e-9.
    assertThat(cost(r.out(), "iteration 0")).isCloseTo(0.6930497356599891, within(0.6930497356599891 * 1e-9));
    assertThat(cost(r.out(), "iteration 100")).isCloseTo(0.6464320953428849, within(0.6464320953428849 * 1e-9));
    assertThat(r.out()).contains("Train accuracy: ").contains("Test accuracy: ").doesNotContain("Validation");
  }

  @Test
  void miniBatchAdamWithValidationAndEarlyStoppingReportsPerEpoch() {
    Run r = run("train", "--data", DATA, "--layers", "12288,1", "--optimizer", "adam", "--learning-rate", "1e-4",
        "--batch-size", "64", "--epochs", "3", "--validation-split", "0.2", "--early-stopping", "5", "--l2", "0.1",
        "--lr-schedule", "inverse:1:10", "--print-every", "1");
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).contains("Cost after epoch 0: ").contains("Cost after epoch 2: ").doesNotContain("iteration");
    assertThat(r.out()).containsPattern("Validation accuracy: 0\\.\\d+");
    assertThat(r.out()).contains("Train accuracy: ").contains("Test accuracy: ");
  }

  @Test
  void badNewOptionsAreUsageErrorsOnOneLine() {
    for (String[] args : List.of(
        new String[] {"--optimizer", "rmsprop"},
        new String[] {"--dropout", "0"},
        new String[] {"--lr-schedule", "cosine"},
        new String[] {"--validation-split", "1.5"},
        new String[] {"--batch-size", "-3"},
        new String[] {"--early-stopping", "-1"},
        new String[] {"--l2", "-1"})) {
      List<String> all = new ArrayList<>(List.of("train", "--data", DATA));
      all.addAll(Arrays.asList(args));
      Run r = run(all.toArray(String[]::new));
      assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
      assertThat(r.err()).contains(args[0]);
    }
  }

  @Test
  void tunePrintsOneTableSortedByValidationAccuracy() {
    Run r = run("tune", "--data", DATA, "--layers", "12288,1", "--learning-rates", "0.001,0.005",
        "--iterations", "2,5", "--seed", "3");
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    List<String> lines = r.out().strip().lines().toList();
    assertThat(lines.get(0)).contains("rank").contains("learning rate").contains("validation acc");
    assertThat(lines).hasSize(1 + 2 * 2);
    double previous = Double.POSITIVE_INFINITY;
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.trim().split("\\s+");
      assertThat(cells[1]).isEqualTo("12288,1");
      assertThat(cells[3]).isIn("2", "5");
      double validationAccuracy = Double.parseDouble(cells[5]);
      assertThat(validationAccuracy).isLessThanOrEqualTo(previous);
      previous = validationAccuracy;
    }
  }

  private static double cost(String out, String label) {
    String prefix = "Cost after " + label + ": ";
    return out.lines().filter(l -> l.startsWith(prefix)).map(l -> Double.parseDouble(l.substring(prefix.length())))
        .findFirst().orElseThrow(() -> new AssertionError("no line '" + prefix + "' in:\n" + out));
  }
}
