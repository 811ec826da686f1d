package io.jdnn.layers;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.Optimizer;
import io.jdnn.core.training.Trainer;
import io.jdnn.losses.BinaryCrossEntropy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A new Dense starts initialised; an explicit initialisation replaces that start entirely. */
class DenseTest {

  /** Plain gradient descent, written out here: layers' tests do not depend on the optim module. */
  private static Optimizer sgd(double rate) {
    return parameters -> {
      for (Parameter p : parameters) {
        double[] v = p.value().data();
        double[] g = p.gradient().data();
        for (int i = 0; i < v.length; i++) {
          v[i] -= rate * g[i];
        }
      }
    };
  }

  @Test
  void aNewLayerHasLecunWeightsFromSeedZeroAndZeroBiases() {
    Dense dense = new Dense(5, 3);
    Matrix expected = Matrix.zeros(3, 5);
    Dense.DEFAULT_INITIALIZER.initialize(expected, 5, 3, new NumpyRandom(Dense.DEFAULT_SEED));
    assertThat(Dense.DEFAULT_INITIALIZER).isSameAs(Initializer.LECUN);
    assertThat(dense.weights().value().data()).isEqualTo(expected.data());
    assertThat(dense.weights().value().data()).doesNotContain(0.0);
    assertThat(dense.bias().value().data()).containsOnly(0.0);
  }

  @Test
  void anExplicitInitialisationIsTheSameWhateverTheLayerStartedWith() {
    Dense fresh = new Dense(4, 6);
    fresh.initialize(Initializer.LECUN, new NumpyRandom(1));
    Matrix drawnAlone = Matrix.zeros(6, 4);
    Initializer.LECUN.initialize(drawnAlone, 4, 6, new NumpyRandom(1));
    assertThat(fresh.weights().value().data()).isEqualTo(drawnAlone.data());
    assertThat(fresh.bias().value().data()).containsOnly(0.0);
  }

  @Test
  void aNetworkNobodyInitialisedStillLearns() {
    // The case: a ReLU network left at zero weights kept the cost at ln 2 whatever it did.
    int m = 64;
    Matrix x = Matrix.zeros(2, m);
    Matrix y = Matrix.zeros(1, m);
    NumpyRandom rng = new NumpyRandom(3);
    for (int j = 0; j < m; j++) {
      double a = rng.nextGaussian();
      double b = rng.nextGaussian();
      x.set(0, j, a);
      x.set(1, j, b);
      y.set(0, j, a > b ? 1 : 0);
    }
    Sequential model = Sequential.of(new Dense(2, 8), new ReLU(), new Dense(8, 8), new ReLU(), new Dense(8, 1),
        new Sigmoid());
    double[] costs = new Trainer(model, new BinaryCrossEntropy(), sgd(0.5)).fit(x, y, 300).costs();
    assertThat(costs[299]).as("cost after 300 steps").isLessThan(0.3);
    assertThat(costs[299]).isLessThan(costs[0]);
  }
}
