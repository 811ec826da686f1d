package io.jdnn.core.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Layer;
import io.jdnn.core.nn.Logistic;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.nn.TinyDense;
import io.jdnn.core.training.dataset.Dataset;
import io.jdnn.core.training.loss.Loss;
import org.junit.jupiter.api.Test;

/**
 * GradientCheck must fail a wrong gradient, or every "difference below 1e-7" elsewhere proves
 * nothing: a layer whose backward pass is off by a factor, one that forgets a term, and a loss
 * whose gradient has the wrong sign are each scored far above the threshold, while the correct
 * versions of the same pieces score below it.
 */
class GradientCheckTest {
  private static final double THRESHOLD = 1e-7;

  /** TinyDense whose weight gradient is scaled by {@code factor} after the correct backward pass. */
  private static final class ScaledGradient extends DelegatingLayer {
    private final double factor;

    ScaledGradient(Layer inner, double factor) {
      super(inner);
      this.factor = factor;
    }

    @Override
    public Matrix backward(Matrix dz, boolean inputGradientNeeded) {
      Matrix dx = inner.backward(dz, inputGradientNeeded);
      double[] dw = inner.parameters().get(0).gradient().data();
      for (int i = 0; i < dw.length; i++) {
        dw[i] *= factor;
      }
      return dx;
    }
  }

  /** TinyDense that forgets the bias gradient (leaves it zero). */
  private static final class NoBiasGradient extends DelegatingLayer {
    NoBiasGradient(Layer inner) {
      super(inner);
    }

    @Override
    public Matrix backward(Matrix dz, boolean inputGradientNeeded) {
      Matrix dx = inner.backward(dz, inputGradientNeeded);
      inner.parameters().get(1).gradient().fill(0);
      return dx;
    }
  }

  private static Matrix gaussian(int rows, int cols, long seed) {
    NumpyRandom rng = new NumpyRandom(seed);
    Matrix m = Matrix.zeros(rows, cols);
    for (int i = 0; i < m.size(); i++) {
      m.data()[i] = rng.nextGaussian();
    }
    return m;
  }

  private static Layer dense(int in, int out) {
    TinyDense d = new TinyDense(in, out);
    d.initialize(Initializer.LECUN, new NumpyRandom(7));
    return d;
  }

  @Test
  void aCorrectLayerPassesAndAWrongOneFails() {
    Matrix x = gaussian(4, 5, 1);
    Matrix upstream = gaussian(3, 5, 2);
    assertThat(GradientCheck.ofLayer(dense(4, 3), x, upstream, 1e-6)).isLessThan(THRESHOLD);
    assertThat(GradientCheck.ofLayer(new ScaledGradient(dense(4, 3), 1.01), x, upstream, 1e-6))
        .as("dW off by 1%").isGreaterThan(1e-3);
    assertThat(GradientCheck.ofLayer(new ScaledGradient(dense(4, 3), 2), x, upstream, 1e-6))
        .as("dW doubled").isGreaterThan(0.1);
    assertThat(GradientCheck.ofLayer(new NoBiasGradient(dense(4, 3)), x, upstream, 1e-6))
        .as("db missing").isGreaterThan(1e-2);
  }

  @Test
  void aWrongGradientInsideAWholeModelFails() {
    Dataset d = Fixtures.data(4, 12, 3);
    Sequential right = Fixtures.network(4, 3);
    assertThat(GradientCheck.ofModel(right, new Fixtures.CrossEntropy(), d.x(), d.y(), 1e-7)).isLessThan(THRESHOLD);
    Sequential wrong = Sequential.of(new ScaledGradient(dense(4, 3), 1.5), new Logistic(), dense(3, 1), new Logistic());
    assertThat(GradientCheck.ofModel(wrong, new Fixtures.CrossEntropy(), d.x(), d.y(), 1e-7)).isGreaterThan(1e-2);
  }

  @Test
  void aLossWithTheWrongSignFails() {
    Loss flipped = new Loss() {
      private final Fixtures.CrossEntropy right = new Fixtures.CrossEntropy();

      @Override
      public double cost(Matrix a, Matrix y) {
        return right.cost(a, y);
      }

      @Override
      public void gradient(Matrix a, Matrix y, Matrix out) {
        right.gradient(a, y, out);
        for (int i = 0; i < out.size(); i++) {
          out.data()[i] = -out.data()[i];
        }
      }
    };
    Matrix a = Matrix.of(1, 4, new double[] {0.2, 0.7, 0.9, 0.4});
    Matrix y = Matrix.of(1, 4, new double[] {0, 1, 1, 0});
    assertThat(GradientCheck.ofLoss(new Fixtures.CrossEntropy(), a, y, 1e-7)).isLessThan(THRESHOLD);
    assertThat(GradientCheck.ofLoss(flipped, a, y, 1e-7)).as("opposite gradients differ by 1").isCloseTo(1.0,
        org.assertj.core.data.Offset.offset(1e-6));
  }
}
