package io.jdnn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.GradientCheck;
import io.jdnn.core.training.Objective;
import io.jdnn.losses.BinaryCrossEntropy;
import org.junit.jupiter.api.Test;

/**
 * Batch normalization's own rules, at the default momentum (0.9): the formula on a small batch by
 * hand, batch statistics in training against running averages at inference, the running-average
 * update, and the backward pass through the batch statistics inside a network.
 */
class BatchNormalizationTest {

  private static Matrix gaussian(int rows, int cols, long seed, double scale, double shift) {
    NumpyRandom rng = new NumpyRandom(seed);
    Matrix x = Matrix.zeros(rows, cols);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = shift + scale * rng.nextGaussian();
    }
    return x;
  }

  @Test
  void normalisesEachRowOverTheBatchThenScalesAndShifts() {
    BatchNormalization bn = new BatchNormalization(2);
    bn.gamma().value().data()[0] = 2.0;
    bn.beta().value().data()[1] = -1.0;
    // Row 0: 1, 2, 3, 6 -> mean 3, variance (4 + 1 + 0 + 9) / 4 = 3.5. Row 1: all 5 -> variance 0.
    Matrix z = Matrix.ofRows(new double[] {1, 2, 3, 6}, new double[] {5, 5, 5, 5});
    Matrix out = bn.forward(z);
    double inv = 1 / Math.sqrt(3.5 + 1e-5);
    assertThat(out.get(0, 0)).isCloseTo(2.0 * (1 - 3) * inv, within(1e-15));
    assertThat(out.get(0, 3)).isCloseTo(2.0 * (6 - 3) * inv, within(1e-15));
    // A constant row normalises to 0: the output is beta.
    assertThat(out.get(1, 2)).isEqualTo(-1.0);
    // Running averages after one step from (0, 1): 0.9 * old + 0.1 * batch.
    assertThat(bn.runningMean().data()[0]).isCloseTo(0.1 * 3, within(1e-15));
    assertThat(bn.runningMean().data()[1]).isCloseTo(0.1 * 5, within(1e-15));
    assertThat(bn.runningVariance().data()[0]).isCloseTo(0.9 + 0.1 * 3.5, within(1e-15));
    assertThat(bn.runningVariance().data()[1]).isCloseTo(0.9, within(1e-15));
  }

  @Test
  void trainingOutputHasTheMeanBetaAndTheDeviationGamma() {
    BatchNormalization bn = new BatchNormalization(3);
    bn.gamma().value().fill(1.5);
    bn.beta().value().fill(0.25);
    Matrix out = bn.forward(gaussian(3, 64, 1, 40.0, 300.0));
    for (int i = 0; i < 3; i++) {
      double mean = 0;
      double squares = 0;
      for (int j = 0; j < 64; j++) {
        mean += out.get(i, j) / 64;
      }
      for (int j = 0; j < 64; j++) {
        squares += Math.pow(out.get(i, j) - mean, 2) / 64;
      }
      assertThat(mean).isCloseTo(0.25, within(1e-12));
      assertThat(Math.sqrt(squares)).isCloseTo(1.5, within(1e-7)); // epsilon's share: 1e-5 / 1600
    }
  }

  @Test
  void inferenceUsesTheRunningAveragesNotTheBatch() {
    BatchNormalization bn = new BatchNormalization(2);
    Matrix x = gaussian(2, 32, 2, 3.0, 10.0);
    Matrix trained = bn.forward(x).copy();
    Matrix inferred = bn.predict(x);
    // After one step the running mean is a tenth of the batch's: predict normalises with it and is
    // far from forward's zero-mean output.
    assertThat(Math.abs(inferred.get(0, 0) - trained.get(0, 0))).isGreaterThan(1.0);
    double expected = (x.get(1, 5) - bn.runningMean().get(1, 0)) / Math.sqrt(bn.runningVariance().get(1, 0) + 1e-5);
    assertThat(inferred.get(1, 5)).isCloseTo(expected, within(1e-12));
    // One example's prediction does not depend on the rest of its batch; in training it would.
    Matrix column = x.columns(5, 6);
    assertThat(bn.predict(column).get(1, 0)).isEqualTo(inferred.get(1, 5));
    // Many steps on batches from the same distribution: the running averages converge to its
    // statistics, and inference then agrees with training.
    for (int t = 0; t < 200; t++) {
      bn.forward(gaussian(2, 256, 100 + t, 3.0, 10.0));
    }
    assertThat(bn.runningMean().get(0, 0)).isCloseTo(10.0, within(0.5));
    assertThat(bn.runningVariance().get(0, 0)).isCloseTo(9.0, within(2.0));
    Matrix big = gaussian(2, 4096, 7, 3.0, 10.0);
    Matrix bigTrained = bn.forward(big).copy();
    Matrix bigInferred = bn.predict(big);
    for (int j = 0; j < 10; j++) {
      assertThat(bigInferred.get(0, j)).isCloseTo(bigTrained.get(0, j), within(0.2));
    }
  }

  @Test
  void theRunningAveragesFollowTheDocumentedMomentum() {
    BatchNormalization bn = new BatchNormalization(1, 0.5, 1e-5);
    bn.forward(Matrix.ofRows(new double[] {2, 4}));   // mean 3, variance 1
    bn.forward(Matrix.ofRows(new double[] {-1, 1}));  // mean 0, variance 1
    // mean: 0.5 * (0.5 * 0 + 0.5 * 3) + 0.5 * 0 = 0.75; variance: 0.5 * (0.5 * 1 + 0.5 * 1) + 0.5 * 1 = 1
    assertThat(bn.runningMean().get(0, 0)).isEqualTo(0.75);
    assertThat(bn.runningVariance().get(0, 0)).isEqualTo(1.0);
    bn.predict(Matrix.ofRows(new double[] {100, 200}));
    assertThat(bn.runningMean().get(0, 0)).as("predict leaves the averages alone").isEqualTo(0.75);
    bn.initialize(Initializer.LECUN, new NumpyRandom(1));
    assertThat(bn.runningMean().get(0, 0)).isZero();
    assertThat(bn.runningVariance().get(0, 0)).isEqualTo(1.0);
  }

  @Test
  void gradientThroughTheBatchStatisticsAtTheDefaultMomentum() {
    BatchNormalization bn = new BatchNormalization(3);
    for (int i = 0; i < 3; i++) {
      bn.gamma().value().data()[i] = 0.5 + i;
      bn.beta().value().data()[i] = 0.1 * i;
    }
    Matrix x = gaussian(3, 7, 3, 2.0, 1.0);
    Matrix upstream = gaussian(3, 7, 4, 1.0, 0.0);
    assertThat(GradientCheck.ofLayer(bn, x, upstream, 1e-6)).isLessThan(1e-7);
    // The input gradient of each row sums to zero: shifting a row's inputs changes nothing.
    bn.forward(x);
    Matrix dx = bn.backward(upstream, true);
    for (int i = 0; i < 3; i++) {
      double sum = 0;
      for (int j = 0; j < 7; j++) {
        sum += dx.get(i, j);
      }
      assertThat(sum).isCloseTo(0.0, within(1e-14));
    }
  }

  @Test
  void aNetworkWithBatchNormalizationPassesTheModelGradientCheck() {
    Sequential model = Networks.reluSigmoidWithBatchNorm(1.0, 0, 4, 5, 3, 1)
        .initialize(Initializer.LECUN, new NumpyRandom(2));
    Matrix x = gaussian(4, 9, 5, 1.0, 0.0);
    Matrix y = Matrix.zeros(1, 9);
    for (int j = 0; j < 9; j++) {
      y.set(0, j, j % 3 == 0 ? 1 : 0);
    }
    assertThat(GradientCheck.ofModel(model, new Objective(model, new BinaryCrossEntropy(), 0.3), x, y, 1e-6))
        .isLessThan(1e-7);
  }

  @Test
  void withBatchNormalizationTheHiddenDenseLayersHaveNoBiasAndTheSameWeights() {
    Sequential plain = Networks.reluSigmoid(6, 4, 3, 1).initialize(Initializer.LECUN, new NumpyRandom(1));
    Sequential normalised = Networks.reluSigmoidWithBatchNorm(1.0, 0, 6, 4, 3, 1)
        .initialize(Initializer.LECUN, new NumpyRandom(1));
    assertThat(normalised.toString()).isEqualTo("Sequential[Dense(in=6, out=4, bias=false), "
        + "BatchNormalization(features=4, momentum=0.9, epsilon=1.0E-5), ReLU(), Dense(in=4, out=3, bias=false), "
        + "BatchNormalization(features=3, momentum=0.9, epsilon=1.0E-5), ReLU(), Dense(in=3, out=1), Sigmoid()]");
    assertThat(((Dense) normalised.layers().get(0)).weights().value())
        .isEqualTo(((Dense) plain.layers().get(0)).weights().value());
    assertThat(((Dense) normalised.layers().get(6)).weights().value())
        .isEqualTo(((Dense) plain.layers().get(4)).weights().value());
    assertThatThrownBy(() -> ((Dense) normalised.layers().get(0)).bias()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has no bias");
    assertThat(Networks.reluSigmoidWithBatchNorm(0.8, 5, 6, 4, 1).toString()).contains("ReLU(), Dropout(keep=0.8, seed=6)");
  }

  @Test
  void badSettingsAndShapesAreClearErrors() {
    assertThatThrownBy(() -> new BatchNormalization(0)).hasMessageContaining("at least 1 feature");
    assertThatThrownBy(() -> new BatchNormalization(3, 1.0, 1e-5)).hasMessageContaining("momentum")
        .hasMessageContaining("1.0");
    assertThatThrownBy(() -> new BatchNormalization(3, 0.9, 0)).hasMessageContaining("epsilon");
    BatchNormalization bn = new BatchNormalization(3);
    assertThatThrownBy(() -> bn.forward(Matrix.zeros(4, 2))).hasMessageContaining("4x2")
        .hasMessageContaining("expected 3 rows");
    assertThatThrownBy(() -> Sequential.of(new Dense(4, 5, false), new BatchNormalization(3)))
        .hasMessageContaining("takes 3 features, got 5");
  }
}
