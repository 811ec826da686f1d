package io.jdnn.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.Trainer;
import io.jdnn.core.training.TrainingException;
import io.jdnn.core.training.dataset.Checks;
import io.jdnn.core.training.loss.Loss;
import io.jdnn.data.images.CatVsNonCat;
import io.jdnn.layers.Dense;
import io.jdnn.layers.Networks;
import io.jdnn.layers.ReLU;
import io.jdnn.layers.Sigmoid;
import io.jdnn.losses.BinaryCrossEntropy;
import io.jdnn.optim.Adam;
import io.jdnn.optim.SGD;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The training API's boundary and its numerical guards: wrong models, wrong data and wrong
 * settings are refused before any work with a message saying what and where; a cost or gradient
 * that stops being finite stops training without damaging the weights.
 */
class TrainerGuardsTest {
  private static final int FEATURES = 6;
  private static final int M = 10;

  /** A small separable problem: the label is 1 when the first feature is positive. */
  private static Matrix x() {
    NumpyRandom rng = new NumpyRandom(3);
    Matrix x = Matrix.zeros(FEATURES, M);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = rng.nextGaussian();
    }
    return x;
  }

  private static Matrix y(Matrix x) {
    Matrix y = Matrix.zeros(1, M);
    for (int j = 0; j < M; j++) {
      y.set(0, j, x.get(0, j) > 0 ? 1 : 0);
    }
    return y;
  }

  private static Sequential model() {
    return Networks.reluSigmoid(FEATURES, 4, 1).initialize(Initializer.LECUN, new NumpyRandom(1));
  }

  private static Trainer trainer(Sequential model) {
    return new Trainer(model, new BinaryCrossEntropy(), new SGD(0.1));
  }

  private static List<Matrix> weights(Sequential model) {
    List<Matrix> copies = new ArrayList<>();
    for (Parameter p : model.parameters()) {
      copies.add(p.value().copy());
    }
    return copies;
  }

  @Test
  void sequentialNamesBothLayersThatDoNotChain() {
    assertThatThrownBy(() -> Sequential.of(new Dense(4, 3), new ReLU(), new Dense(5, 2), new Sigmoid()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("layer 3 Dense(in=5, out=2)")
        .hasMessageContaining("layer 2 ReLU()")
        .hasMessageContaining("takes 5 features, got 3");
    assertThatThrownBy(() -> Sequential.of(new Dense(4, 3), new Dense(2, 1)))
        .hasMessageContaining("layer 2 Dense(in=2, out=1) does not fit after layer 1 Dense(in=4, out=3)");
  }

  @Test
  void exampleCountsOfXAndYMustAgree() {
    Matrix x = x();
    assertThatThrownBy(() -> trainer(model()).fit(x, Matrix.zeros(1, M - 1), 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x has " + M + " examples")
        .hasMessageContaining("y has " + (M - 1));
  }

  @ParameterizedTest
  @ValueSource(doubles = {2, -1, 0.5, Double.NaN})
  void binaryCrossEntropyRefusesLabelsOutsideZeroAndOne(double bad) {
    Matrix x = x();
    Matrix y = y(x);
    y.set(0, 7, bad);
    Sequential model = model();
    List<Matrix> before = weights(model);
    assertThatThrownBy(() -> trainer(model).fit(x, y, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y holds " + bad + " at row 0, column 7")
        .hasMessageContaining("0 or 1");
    assertThat(weights(model)).as("refused before any step").isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void nonFiniteInputsAreNamedByTheirFirstPosition(double bad) {
    Matrix x = x();
    Matrix y = y(x);
    x.set(4, 8, bad);
    x.set(5, 9, bad);
    assertThatThrownBy(() -> trainer(model()).fit(x, y, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x holds " + bad + " at row 4, column 8 (feature 4 of example 8)");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void iterationsMustBeAtLeastOne(int bad) {
    Matrix x = x();
    assertThatThrownBy(() -> trainer(model()).fit(x, y(x), bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("iterations")
        .hasMessageContaining("must be at least 1, got " + bad);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, -64})
  void batchSizesBelowOneAreRefused(int bad) {
    // 0 is the trainer's "full batch"; a negative size is a mistake.
    assertThatThrownBy(() -> trainer(model()).batchSize(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batch size must be at least 1")
        .hasMessageContaining("got " + bad);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -0.0075, Double.NaN, Double.POSITIVE_INFINITY})
  void learningRatesMustBePositiveAndFinite(double bad) {
    assertThatThrownBy(() -> new SGD(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got " + bad);
    assertThatThrownBy(() -> new Adam(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got " + bad);
  }

  /** Binary cross-entropy whose gradient turns NaN at one chosen call, as a numerical fault would. */
  private static final class PoisonedLoss implements Loss {
    private final BinaryCrossEntropy inner = new BinaryCrossEntropy();
    private final int poisonedCall;
    private int calls;

    PoisonedLoss(int poisonedCall) {
      this.poisonedCall = poisonedCall;
    }

    @Override
    public double cost(Matrix predictions, Matrix labels) {
      return inner.cost(predictions, labels);
    }

    @Override
    public void gradient(Matrix predictions, Matrix labels, Matrix out) {
      inner.gradient(predictions, labels, out);
      if (calls++ == poisonedCall) {
        out.set(0, 2, Double.NaN);
      }
    }
  }

  @Test
  void aNaNGradientStopsTrainingAndKeepsTheLastGoodWeights() {
    Matrix x = x();
    Matrix y = y(x);
    int poisoned = 6;
    Sequential reference = model();
    trainer(reference).fit(x, y, poisoned); // iterations 0..5: the weights at iteration 6's start

    Sequential model = model();
    List<Double> costs = new ArrayList<>();
    Trainer trainer = new Trainer(model, new PoisonedLoss(poisoned), new SGD(0.1))
        .listener((i, cost) -> costs.add(cost));
    assertThatThrownBy(() -> trainer.fit(x, y, 20))
        .isInstanceOf(TrainingException.class)
        .hasMessageContaining("gradient of W in layer 1 Dense(in=6, out=4) became NaN")
        .hasMessageContaining("iteration " + poisoned);
    assertThat(costs).hasSize(poisoned).allMatch(Double::isFinite);
    assertThat(weights(model)).as("no NaN reached the weights").isEqualTo(weights(reference));
  }

  @Test
  void theCatNetWithLearningRateTenNeverReportsANaNCost() {
    CatVsNonCat cats = CatVsNonCat.load(ProjectData.catvnoncat());
    Sequential model = Networks.reluSigmoid(12288, 20, 7, 5, 1).initialize(Initializer.LECUN, new NumpyRandom(1));
    List<Double> costs = new ArrayList<>();
    new Trainer(model, new BinaryCrossEntropy(), new SGD(10))
        .listener((i, cost) -> costs.add(cost))
        .fit(cats.train().x(), cats.train().y(), 15);
    assertThat(costs).hasSize(15).allMatch(Double::isFinite);
    // lr 10 overshoots: the cost must leave the course's first value, by far, and yet stay finite
    assertThat(costs.stream().mapToDouble(Double::doubleValue).max().orElseThrow()).isGreaterThan(1.0);
    for (Parameter p : model.parameters()) {
      Checks.finite(p.value(), p.name());
    }
  }
}
