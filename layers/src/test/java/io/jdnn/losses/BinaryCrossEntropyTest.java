package io.jdnn.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.training.GradientCheck;
import org.junit.jupiter.api.Test;

class BinaryCrossEntropyTest {
  private final BinaryCrossEntropy bce = new BinaryCrossEntropy();

  /** The course's formula, written as the course writes it. */
  private static double courseCost(double[] a, double[] y) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += y[i] * Math.log(a[i]) + (1 - y[i]) * Math.log(1 - a[i]);
    }
    return -s / a.length;
  }

  @Test
  void agreesWithTheCourseFormulaWhereverItIsFinite() {
    double[] a = {0.8, 0.9, 0.4, 1e-300, 1 - 1e-16, 0.5, Double.MIN_VALUE, Math.nextDown(1.0)};
    double[] y = {1, 1, 0, 1, 0, 0, 0, 1};
    double expected = courseCost(a, y);
    assertThat(Double.isFinite(expected)).isTrue();
    assertThat(bce.cost(Matrix.of(1, a.length, a), Matrix.of(1, y.length, y)))
        .isCloseTo(expected, within(1e-12 * Math.abs(expected)));
  }

  @Test
  void staysFiniteWhenTheSigmoidSaturates() {
    double[] a = {0.0, 1.0, 0.0, 1.0};
    double[] y = {1, 0, 0, 1};
    assertThat(Double.isFinite(courseCost(a, y))).as("the course's formula").isFalse();
    Matrix am = Matrix.of(1, 4, a);
    Matrix ym = Matrix.of(1, 4, y);
    double cost = bce.cost(am, ym);
    // two certain, wrong predictions: -log(MIN_VALUE) ~ 744 and -log(2^-53) ~ 37, over m = 4
    assertThat(cost).isFinite().isGreaterThan(190);
    Matrix g = Matrix.zeros(1, 4);
    bce.gradient(am, ym, g);
    for (double v : g.data()) {
      assertThat(v).isFinite();
    }
    assertThat(g.get(0, 0)).as("wrongly certain 0 for a cat pushes a up").isNegative();
    assertThat(g.get(0, 1)).as("wrongly certain 1 for a non-cat pushes a down").isPositive();
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    Matrix a = Matrix.ofRows(new double[] {0.2, 0.7, 0.55, 0.9}, new double[] {0.35, 0.01, 0.6, 0.45});
    Matrix y = Matrix.ofRows(new double[] {0, 1, 1, 0}, new double[] {1, 0, 1, 1});
    assertThat(GradientCheck.ofLoss(bce, a, y, 1e-7)).isLessThan(1e-7);
  }

  @Test
  void gradientCarriesOneOverM() {
    Matrix g = Matrix.zeros(1, 4);
    bce.gradient(Matrix.ofRows(new double[] {0.5, 0.5, 0.5, 0.5}), Matrix.ofRows(new double[] {1, 1, 1, 1}), g);
    assertThat(g.get(0, 0)).isEqualTo(-2.0 / 4); // -(1/0.5)/m
  }
}
