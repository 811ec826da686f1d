package io.jdnn.examples.cat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.metrics.Metrics;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.Trainer;
import io.jdnn.data.images.CatVsNonCat;
import io.jdnn.examples.ProjectData;
import io.jdnn.layers.Networks;
import io.jdnn.losses.BinaryCrossEntropy;
import io.jdnn.optim.SGD;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code tune --folds K} on the cat data, with logistic regression (12288 -> 1) to stay quick. */
class CrossValidationTest {
  private static final String DATA = ProjectData.catvnoncat().toString();

  @Test
  void tablePerGridPointThenTheBestRetrainedAndTestedOnce() {
    CliRun r = CliRun.of("tune", "--data", DATA, "--folds", "3", "--layers", "12288,1", "--learning-rates",
        "0.001,0.005", "--iterations", "2,5", "--seed", "3");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = r.out().strip().lines().toList();
    assertThat(lines).hasSize(1 + 2 * 2 + 1);
    assertThat(lines.get(0)).contains("validation acc").contains("(sd, 3 folds)");
    double previous = Double.POSITIVE_INFINITY;
    for (String line : lines.subList(1, 5)) {
      String[] cells = line.trim().split("\\s+");
      double mean = Double.parseDouble(cells[5]);
      assertThat(mean).isBetween(0.0, 1.0).isLessThanOrEqualTo(previous);
      assertThat(Double.parseDouble(cells[6])).as("spread").isBetween(0.0, 0.5);
      previous = mean;
    }
    String[] best = lines.get(1).trim().split("\\s+");
    Matcher m = Pattern.compile("Best: layers 12288,1, learning rate (\\S+), (\\d+) iterations; retrained on all 209 "
        + "training images: train accuracy (\\S+), test accuracy (\\S+)").matcher(lines.get(5));
    assertThat(m.matches()).as(lines.get(5)).isTrue();
    assertThat(Double.parseDouble(m.group(1))).isEqualTo(Double.parseDouble(best[2]));
    assertThat(m.group(2)).isEqualTo(best[3]);
    // The same retraining by hand: the seeded network on all the training images, scored on the test set.
    CatVsNonCat cats = CatVsNonCat.load(ProjectData.catvnoncat());
    Sequential model = Networks.reluSigmoid(12288, 1).initialize(Initializer.LECUN, new NumpyRandom(3));
    new Trainer(model, new BinaryCrossEntropy(), new SGD(Double.parseDouble(m.group(1))))
        .fit(cats.train().x(), cats.train().y(), Integer.parseInt(m.group(2)));
    assertThat(Double.parseDouble(m.group(4)))
        .isCloseTo(Metrics.binaryAccuracy(model.predict(cats.test().x()), cats.test().y()), within(1e-4));
  }

  @Test
  void meanAndSampleSpread() {
    assertThat(CrossValidation.mean(new double[] {0.5, 0.7, 0.9})).isCloseTo(0.7, within(1e-15));
    // (0.04 + 0 + 0.04) / (3 - 1) = 0.04
    assertThat(CrossValidation.spread(new double[] {0.5, 0.7, 0.9})).isCloseTo(0.2, within(1e-15));
    assertThat(CrossValidation.mean(new double[] {0.5, Double.NaN})).isNaN();
  }

  @Test
  void badFoldOptionsAreUsageMistakes() {
    for (String[] args : new String[][] {
        {"tune", "--folds", "1"},
        {"tune", "--folds", "-2"},
        {"tune", "--folds", "5", "--validation-split", "0.3"}}) {
      CliRun run = CliRun.of(args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.err().lines().toList()).as(String.join(" ", args)).hasSize(1);
      assertThat(run.err()).contains("--folds");
    }
    CliRun tooMany = CliRun.of("tune", "--data", DATA, "--folds", "300", "--layers", "12288,1", "--iterations", "1");
    assertThat(tooMany.exitCode()).isEqualTo(2);
    assertThat(tooMany.err()).contains("--folds 300").contains("209 training images");
  }
}
