package io.jdnn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.training.GradientCheck;
import org.junit.jupiter.api.Test;

class DropoutTest {

  private static Matrix ones(int rows, int cols) {
    Matrix m = Matrix.zeros(rows, cols);
    m.fill(1.0);
    return m;
  }

  @Test
  void masksScaleKeptUnitsByOneOverKeepAndZeroTheRest() {
    Dropout dropout = new Dropout(0.8, 7);
    Matrix out = dropout.forward(ones(50, 40));
    int kept = 0;
    for (double v : out.data()) {
      assertThat(v).isIn(0.0, 1.0 / 0.8);
      if (v != 0) {
        kept++;
      }
    }
    // 2000 Bernoulli(0.8) draws: the kept fraction is 0.8 within 5 standard deviations (~0.045).
    assertThat(kept / 2000.0).isBetween(0.755, 0.845);
    assertThat(dropout.scaledMask()).isEqualTo(out);
  }

  @Test
  void maskIsTheCoursesRandLessThanKeepFromTheSeed() {
    Dropout dropout = new Dropout(0.5, 3);
    Matrix out = dropout.forward(ones(2, 3));
    NumpyRandom rng = new NumpyRandom(3);
    for (int i = 0; i < 6; i++) {
      assertThat(out.data()[i]).isEqualTo(rng.nextDouble() < 0.5 ? 2.0 : 0.0);
    }
    assertThat(new Dropout(0.5, 3).forward(ones(2, 3))).as("same seed, same mask").isEqualTo(out);
  }

  @Test
  void predictIsTheIdentity() {
    Dropout dropout = new Dropout(0.3, 1);
    Matrix x = Matrix.ofRows(new double[] {1, -2, 3}, new double[] {0.5, 4, -6});
    assertThat(dropout.predict(x)).isEqualTo(x).isNotSameAs(x);
  }

  @Test
  void backwardAppliesTheForwardMask() {
    Dropout dropout = new Dropout(0.6, 11);
    Matrix x = ones(3, 4);
    Matrix mask = dropout.forward(x).copy();
    Matrix upstream = Matrix.zeros(3, 4);
    for (int i = 0; i < 12; i++) {
      upstream.data()[i] = i - 5.5;
    }
    Matrix dx = dropout.backward(upstream, true);
    for (int i = 0; i < 12; i++) {
      assertThat(dx.data()[i]).isEqualTo(upstream.data()[i] * mask.data()[i]);
    }
  }

  @Test
  void gradientMatchesFiniteDifferencesForAFixedMask() {
    Matrix x = Matrix.ofRows(new double[] {0.3, -1.2, 2.0, 0.7}, new double[] {-0.4, 1.1, 0.2, -2.5});
    Matrix upstream = Matrix.ofRows(new double[] {1.5, -0.5, 0.25, 2.0}, new double[] {-1.0, 0.75, 3.0, -0.2});
    Dropout dropout = new Dropout(0.5, 5);
    dropout.forward(x);
    double[] analytic = dropout.backward(upstream, true).data().clone();
    double[] approx = new double[8];
    double eps = 1e-6;
    for (int i = 0; i < 8; i++) {
      Matrix plus = x.copy();
      plus.data()[i] += eps;
      Matrix minus = x.copy();
      minus.data()[i] -= eps;
      // A fresh layer with the same seed draws the same mask: J = sum(upstream * dropout(x)).
      approx[i] = (dot(upstream, new Dropout(0.5, 5).forward(plus)) - dot(upstream, new Dropout(0.5, 5).forward(minus)))
          / (2 * eps);
    }
    assertThat(GradientCheck.relativeDifference(analytic, approx)).isLessThan(1e-7);
  }

  @Test
  void rejectsKeepOutsideZeroToOne() {
    assertThatThrownBy(() -> new Dropout(0.0)).hasMessageContaining("keep probability").hasMessageContaining("0.0");
    assertThatThrownBy(() -> new Dropout(1.5)).hasMessageContaining("(0, 1]");
  }

  private static double dot(Matrix a, Matrix b) {
    double s = 0;
    for (int i = 0; i < a.size(); i++) {
      s += a.data()[i] * b.data()[i];
    }
    return s;
  }

  @Test
  void aRestoredDropoutDrawsTheMasksTheOriginalDraws() {
    Matrix x = Matrix.of(3, 4, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    Dropout original = new Dropout(0.6, 7);
    original.forward(x);
    io.jdnn.core.training.state.TrainingState state = new io.jdnn.core.training.state.TrainingState();
    original.saveState(state);
    Dropout restored = new Dropout(0.6, 7);
    restored.restoreState(state);
    for (int i = 0; i < 5; i++) {
      assertThat(restored.forward(x).data()).containsExactly(original.forward(x).data());
    }
    assertThatThrownBy(() -> new Dropout(0.5, 7).restoreState(state))
        .isInstanceOf(io.jdnn.core.training.state.IncompatibleStateException.class).hasMessageContaining("keep");
    assertThatThrownBy(() -> new Dropout(0.6, 8).restoreState(state))
        .isInstanceOf(io.jdnn.core.training.state.IncompatibleStateException.class).hasMessageContaining("seeded 7");
  }
}
