package io.jdnn.losses;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.GradientCheck;
import io.jdnn.core.training.Objective;
import io.jdnn.layers.Dense;
import io.jdnn.layers.ReLU;
import io.jdnn.layers.Sigmoid;
import io.jdnn.layers.Softmax;
import io.jdnn.layers.Tanh;
import org.junit.jupiter.api.Test;

/**
 * The fused path (loss from the logits, gradient dZ = A - Y straight into the last Dense) checked
 * on whole models against finite differences of the same Objective's cost, with and without L2:
 * the per-loss contract test checks the fused loss alone, not how the Objective wires it in.
 */
class FusedLossModelGradientTest {
  private static Matrix gaussian(int rows, int cols, long seed) {
    NumpyRandom rng = new NumpyRandom(seed);
    Matrix m = Matrix.zeros(rows, cols);
    for (int i = 0; i < m.size(); i++) {
      m.data()[i] = rng.nextGaussian();
    }
    return m;
  }

  @Test
  void sigmoidWithFusedBinaryCrossEntropyMatchesFiniteDifferences() {
    Sequential model = Sequential.of(new Dense(5, 4), new ReLU(), new Dense(4, 3), new Tanh(), new Dense(3, 1),
        new Sigmoid()).initialize(Initializer.LECUN, new NumpyRandom(3));
    Matrix x = gaussian(5, 7, 4);
    Matrix y = Matrix.of(1, 7, new double[] {1, 0, 0, 1, 1, 0, 1});
    for (double l2 : new double[] {0, 0.7}) {
      Objective fused = new Objective(model, BinaryCrossEntropy.fused(), l2);
      assertThat(GradientCheck.ofModel(model, fused, x, y, 1e-7)).as("l2 %s", l2).isLessThan(1e-7);
      // The fused objective's cost is the unfused one's where both are exact.
      assertThat(fused.cost(x, y)).isCloseTo(new Objective(model, new BinaryCrossEntropy(), l2).cost(x, y),
          org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  @Test
  void softmaxWithCategoricalCrossEntropyMatchesFiniteDifferences() {
    Sequential model = Sequential.of(new Dense(4, 5), new ReLU(), new Dense(5, 3), new Softmax())
        .initialize(Initializer.HE, new NumpyRandom(5));
    Matrix x = gaussian(4, 6, 6);
    Matrix y = Matrix.zeros(3, 6);
    for (int j = 0; j < 6; j++) {
      y.set(j % 3, j, 1);
    }
    Objective fused = new Objective(model, new CategoricalCrossEntropy(), 0.3);
    assertThat(GradientCheck.ofModel(model, fused, x, y, 1e-7)).isLessThan(1e-7);
  }
}
