package io.jdnn.examples.cat;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.examples.ProjectData;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainCommandTest {
  private static final String DATA = ProjectData.catvnoncat().toString();

  @Test
  void printsCostLinesAtMultiplesAndTheLastIterationThenAccuracies() {
    CliRun run = CliRun.of("train", "--data", DATA, "--layers", "12288,7,1", "--init", "small",
        "--iterations", "12", "--print-every", "5");
    assertThat(run.exitCode()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(6);
    assertThat(lines.get(0)).startsWith("Cost after iteration 0: ");
    assertThat(lines.get(1)).startsWith("Cost after iteration 5: ");
    assertThat(lines.get(2)).startsWith("Cost after iteration 10: ");
    assertThat(lines.get(3)).startsWith("Cost after iteration 11: ");
    assertThat(lines.get(4)).matches("Train accuracy: (0|1)\\.\\d+(E-\\d+)?");
    assertThat(lines.get(5)).matches("Test accuracy: (0|1)\\.\\d+(E-\\d+)?");
    // The course's 2-layer cost at iteration 0 (course-numbers.md), printed with every digit.
    double cost0 = Double.parseDouble(lines.get(0).substring("Cost after iteration 0: ".length()));
    assertThat(Math.abs(cost0 / 0.6930497356599891 - 1)).isLessThan(1e-9);
  }

  @Test
  void aWrongOptionValueIsOneLineAndExitCode2() {
    CliRun run = CliRun.of("train", "--iterations", "many");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().toList()).hasSize(1);
    assertThat(run.err()).contains("--iterations").contains("many");
  }

  @Test
  void semanticallyWrongValuesAreUsageMistakesToo() {
    for (String[] args : new String[][] {
        {"train", "--learning-rate", "-1"},
        {"train", "--iterations", "0"},
        {"train", "--layers", "12288,7,2"},
        {"train", "--init", "zeros"},
        {"train", "--print-every", "0"}}) {
      CliRun run = CliRun.of(args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.err().lines().toList()).as(String.join(" ", args)).hasSize(1);
      assertThat(run.err()).contains(args[1]);
    }
  }

  @Test
  void layersThatDoNotFitTheImagesAreAUsageMistake() {
    CliRun run = CliRun.of("train", "--data", DATA, "--layers", "100,7,1", "--iterations", "1");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--layers starts with 100 inputs").contains("12288");
  }

  @Test
  void missingDataIsOneLineNamingTheFolderAndExitCode1() {
    CliRun run = CliRun.of("train", "--data", "no/such/dir", "--iterations", "1");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines().toList()).hasSize(1);
    assertThat(run.err()).contains("no/such/dir").doesNotContain("Exception").doesNotContain("\tat ");
  }
}
