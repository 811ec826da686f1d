package io.jdnn.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Activation;
import io.jdnn.core.nn.Layer;
import io.jdnn.core.training.GradientCheck;
import io.jdnn.core.training.dataset.Labels;
import io.jdnn.core.training.loss.FusedLoss;
import io.jdnn.core.training.loss.Loss;
import io.jdnn.layers.ReLU;
import io.jdnn.layers.Sigmoid;
import io.jdnn.layers.Softmax;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link Loss} keeps: its gradient matches finite differences of its cost, the
 * gradient carries 1/m, a shape mismatch is a clear error; a {@link FusedLoss} also has a correct
 * gradient with respect to the logits, agrees with the unfused cost where both are exact, and
 * stays finite where its activation saturates. A new loss is one more line in {@link #losses()}.
 */
class LossContractTest {
  private static final int K = 3;
  private static final int M = 4;

  /** Name, the loss, the output activation it follows, and the kind of labels it takes. */
  static Stream<Arguments> losses() {
    return Stream.of(
        loss("BinaryCrossEntropy", BinaryCrossEntropy::new, Sigmoid::new, Labels.BINARY),
        loss("BinaryCrossEntropy.fused", BinaryCrossEntropy::fused, Sigmoid::new, Labels.BINARY),
        loss("CategoricalCrossEntropy", CategoricalCrossEntropy::new, Softmax::new, Labels.ONE_HOT),
        // Class weights at most 1, so the saturation test's gradient bound 1/m holds as it is.
        loss("BinaryCrossEntropy with class weights", () -> new BinaryCrossEntropy().withClassWeights(0.4, 0.9),
            Sigmoid::new, Labels.BINARY),
        loss("BinaryCrossEntropy.fused with class weights", () -> BinaryCrossEntropy.fused().withClassWeights(0.4, 0.9),
            Sigmoid::new, Labels.BINARY),
        loss("CategoricalCrossEntropy with class weights",
            () -> new CategoricalCrossEntropy().withClassWeights(0.3, 1.0, 0.6), Softmax::new, Labels.ONE_HOT),
        loss("MeanSquaredError", MeanSquaredError::new, Sigmoid::new, Labels.REAL));
  }

  /**
   * The losses of {@link #losses()} that fuse with their activation, for the fused-only checks
   * (which then never skip a case); {@link #theFusedListHoldsEveryFusingLoss} keeps it complete.
   */
  static Stream<Arguments> fusedLosses() {
    return losses().filter(a -> FUSED.contains((String) a.get()[0]));
  }

  private static final java.util.Set<String> FUSED = java.util.Set.of("BinaryCrossEntropy.fused",
      "CategoricalCrossEntropy", "BinaryCrossEntropy.fused with class weights",
      "CategoricalCrossEntropy with class weights");

  enum Labels { BINARY, ONE_HOT, REAL }

  private static Arguments loss(String name, Supplier<Loss> loss, Supplier<Layer> activation, Labels labels) {
    return Arguments.of(name, loss, activation, labels);
  }

  private static Matrix logits(int seed, double scale) {
    NumpyRandom rng = new NumpyRandom(seed);
    Matrix z = Matrix.zeros(K, M);
    for (int i = 0; i < z.size(); i++) {
      z.data()[i] = rng.nextGaussian() * scale;
    }
    return z;
  }

  private static Matrix labels(Labels kind, int seed) {
    NumpyRandom rng = new NumpyRandom(seed);
    Matrix y = Matrix.zeros(K, M);
    for (int j = 0; j < M; j++) {
      int hot = (int) rng.nextInterval(K - 1);
      for (int i = 0; i < K; i++) {
        double v = switch (kind) {
          case BINARY -> rng.nextDouble() < 0.5 ? 1.0 : 0.0;
          case ONE_HOT -> i == hot ? 1.0 : 0.0;
          case REAL -> rng.nextGaussian();
        };
        y.set(i, j, v);
      }
    }
    return y;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("losses")
  void gradientMatchesFiniteDifferencesOfTheCost(String name, Supplier<Loss> loss, Supplier<Layer> activation,
      Labels kind) {
    Matrix a = activation.get().predict(logits(1, 1.0));
    assertThat(GradientCheck.ofLoss(loss.get(), a, labels(kind, 2), 1e-7)).isLessThan(1e-7);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("losses")
  void gradientCarriesOneOverM(String name, Supplier<Loss> loss, Supplier<Layer> activation, Labels kind) {
    Matrix a = activation.get().predict(logits(3, 1.0));
    Matrix y = labels(kind, 4);
    Matrix g = Matrix.zeros(K, M);
    loss.get().gradient(a, y, g);
    // Doubling the batch with a copy of itself keeps the mean cost and halves every gradient entry.
    Matrix a2 = twice(a);
    Matrix y2 = twice(y);
    Matrix g2 = Matrix.zeros(K, 2 * M);
    loss.get().gradient(a2, y2, g2);
    assertThat(loss.get().cost(a2, y2)).isCloseTo(loss.get().cost(a, y), within(1e-12));
    for (int i = 0; i < K; i++) {
      for (int j = 0; j < M; j++) {
        assertThat(g2.get(i, j)).isCloseTo(g.get(i, j) / 2, within(1e-15));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("losses")
  void shapeMismatchIsAClearError(String name, Supplier<Loss> loss, Supplier<Layer> activation, Labels kind) {
    Matrix a = activation.get().predict(logits(5, 1.0));
    assertThatThrownBy(() -> loss.get().cost(a, Matrix.zeros(K, M + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(K + "x" + (M + 1))
        .hasMessageContaining("expected " + K + "x" + M);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("losses")
  void theFusedListHoldsEveryFusingLoss(String name, Supplier<Loss> loss, Supplier<Layer> activation, Labels kind) {
    boolean fuses = loss.get() instanceof FusedLoss f && f.fuses(activation.get());
    assertThat(FUSED.contains(name)).as("%s fuses with its activation", name).isEqualTo(fuses);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fusedLosses")
  void fusedGradientWithRespectToLogitsMatchesFiniteDifferences(String name, Supplier<Loss> loss,
      Supplier<Layer> activation, Labels kind) {
    FusedLoss fused = (FusedLoss) loss.get();
    Matrix z = logits(6, 2.0);
    Matrix y = labels(kind, 7);
    assertThat(GradientCheck.ofFusedLoss(fused, activation.get(), z, y, 1e-6)).isLessThan(1e-7);
    // Where the unfused formula is exact, both give the same cost.
    assertThat(fused.costFromLogits(z, y)).isCloseTo(fused.cost(activation.get().predict(z), y), within(1e-12));
    assertThat(fused.fuses(new ReLU())).as("fuses only with its own activation").isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fusedLosses")
  void fusedCostStaysFiniteAndExactWhereTheActivationSaturates(String name, Supplier<Loss> loss,
      Supplier<Layer> activation, Labels kind) {
    FusedLoss fused = (FusedLoss) loss.get();
    // Logits of +-800: exp overflows, the sigmoid/softmax rounds to exactly 0 and 1.
    Matrix z = logits(8, 1.0);
    for (int i = 0; i < z.size(); i++) {
      z.data()[i] = Math.copySign(800, z.data()[i]);
    }
    Matrix y = labels(kind, 9);
    double cost = fused.costFromLogits(z, y);
    assertThat(cost).isFinite();
    Matrix a = activation.get().predict(z);
    if (activation.get() instanceof Activation) {
      // Element-wise (sigmoid): each certain, wrong prediction costs exactly 800 nats (times its
      // class weight), a right one about e^-800, which rounds away.
      double expected = 0;
      for (int i = 0; i < z.size(); i++) {
        boolean wrong = (z.data()[i] > 0) != (y.data()[i] == 1.0);
        expected += wrong ? 800 * weightOf(fused, y.data()[i]) : 0;
      }
      assertThat(cost).isCloseTo(expected / M, within(1e-9));
    }
    Matrix g = Matrix.zeros(K, M);
    fused.logitGradient(z, a, y, g);
    for (double v : g.data()) {
      assertThat(v).isFinite().isBetween(-1.0 / M, 1.0 / M);
    }
  }

  /** The class weight of a binary label under {@code loss} (1 when unweighted). */
  private static double weightOf(Loss loss, double label) {
    double[] w = loss instanceof BinaryCrossEntropy b ? b.classWeights() : null;
    return w == null ? 1.0 : w[(int) label];
  }

  private static Matrix twice(Matrix m) {
    Matrix t = Matrix.zeros(m.rows(), 2 * m.cols());
    for (int i = 0; i < m.rows(); i++) {
      for (int j = 0; j < m.cols(); j++) {
        t.set(i, j, m.get(i, j));
        t.set(i, j + m.cols(), m.get(i, j));
      }
    }
    return t;
  }
}
