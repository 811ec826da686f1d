package io.jdnn.examples.cat;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.examples.ProjectData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command line on the real cat data, with small networks (logistic regression, 12288 -> 1)
 * or few iterations so the suite stays quick on the default kernel. That the defaults still print
 * the course's numbers is {@link CourseReproductionTest}'s job.
 */
class TrainAndTuneCommandTest {
  private static final String DATA = ProjectData.catvnoncat().toString();

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void miniBatchAdamWithValidationAndEarlyStoppingReportsPerEpoch() {
    CliRun r = run("train", "--data", DATA, "--layers", "12288,1", "--optimizer", "adam", "--learning-rate", "1e-4",
        "--batch-size", "64", "--epochs", "3", "--validation-split", "0.2", "--early-stopping", "5", "--l2", "0.1",
        "--lr-schedule", "inverse:1:10", "--print-every", "1");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
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
      CliRun r = run(all.toArray(String[]::new));
      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
      assertThat(r.err()).contains(args[0]);
    }
  }

  @Test
  void tunePrintsOneTableSortedByValidationAccuracy() {
    CliRun r = run("tune", "--data", DATA, "--layers", "12288,1", "--learning-rates", "0.001,0.005",
        "--iterations", "2,5", "--seed", "3");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
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

}
