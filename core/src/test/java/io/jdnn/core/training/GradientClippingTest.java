package io.jdnn.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jdnn.core.kernel.Kernels;
import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Activation;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Logistic;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.nn.TinyDense;
import io.jdnn.core.training.dataset.Dataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClippingTest {

  private static Parameter withGradient(double... g) {
    Parameter p = new Parameter("W", Matrix.zeros(1, g.length));
    System.arraycopy(g, 0, p.gradient().data(), 0, g.length);
    return p;
  }

  @Test
  void theNormIsOverAllGradientsTogether() {
    // 3-4-5 split over two parameters: each alone is within 4.5, together they are 5 long.
    List<Parameter> ps = List.of(withGradient(3.0), withGradient(0.0, 4.0));
    assertThat(GradientClipping.globalNorm(ps)).isEqualTo(5.0);
    assertThat(GradientClipping.clipByGlobalNorm(ps, 4.5)).isEqualTo(5.0);
    assertThat(ps.get(0).gradient().data()).containsExactly(3.0 * 0.9);
    assertThat(ps.get(1).gradient().data()).containsExactly(0.0, 4.0 * 0.9);
  }

  @Test
  void gradientsWithinTheNormAreLeftBitForBit() {
    List<Parameter> ps = List.of(withGradient(0.1, -0.2, 1e-300), withGradient(0.3));
    double[] before0 = ps.get(0).gradient().data().clone();
    double norm = GradientClipping.clipByGlobalNorm(ps, 1.0);
    assertThat(norm).isCloseTo(Math.sqrt(0.01 + 0.04 + 0.09), within(1e-15));
    assertThat(ps.get(0).gradient().data()).containsExactly(before0);
    assertThat(ps.get(1).gradient().data()).containsExactly(0.3);
    // Exactly at the norm: not scaled either.
    List<Parameter> at = List.of(withGradient(3.0, 4.0));
    GradientClipping.clipByGlobalNorm(at, 5.0);
    assertThat(at.get(0).gradient().data()).containsExactly(3.0, 4.0);
  }

  @Test
  void largeGradientsAreScaledToTheNormKeepingTheirDirection() {
    NumpyRandom rng = new NumpyRandom(3);
    List<Parameter> ps = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      double[] g = new double[7];
      for (int i = 0; i < g.length; i++) {
        g[i] = rng.nextGaussian() * 100;
      }
      ps.add(withGradient(g));
    }
    List<double[]> before = ps.stream().map(p -> p.gradient().data().clone()).toList();
    double norm = GradientClipping.clipByGlobalNorm(ps, 2.5);
    assertThat(norm).isGreaterThan(100);
    assertThat(GradientClipping.globalNorm(ps)).isCloseTo(2.5, within(1e-12));
    for (int k = 0; k < ps.size(); k++) {
      for (int i = 0; i < 7; i++) {
        assertThat(ps.get(k).gradient().data()[i]).isCloseTo(before.get(k)[i] * 2.5 / norm, within(1e-15));
      }
    }
  }

  @Test
  void aNormWhoseSquaresOverflowIsStillComputedAndClipped() {
    List<Parameter> ps = List.of(withGradient(3e200, -4e200));
    assertThat(GradientClipping.globalNorm(ps)).isCloseTo(5e200, within(1e186));
    GradientClipping.clipByGlobalNorm(ps, 1.0);
    assertThat(ps.get(0).gradient().data()[0]).isCloseTo(0.6, within(1e-15));
    assertThat(ps.get(0).gradient().data()[1]).isCloseTo(-0.8, within(1e-15));
    assertThat(GradientClipping.globalNorm(List.of(withGradient(1.0, Double.NaN)))).isNaN();
    assertThat(GradientClipping.globalNorm(List.of(withGradient(1.0, Double.NEGATIVE_INFINITY))))
        .isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void theNormMustBePositive() {
    List<Parameter> ps = List.of(withGradient(1.0));
    assertThatThrownBy(() -> GradientClipping.clipByGlobalNorm(ps, 0.0)).hasMessageContaining("clipping norm")
        .hasMessageContaining("0.0");
    assertThatThrownBy(() -> new Trainer(Fixtures.network(2, 2), new Fixtures.CrossEntropy(), p -> {}).clipNorm(-1))
        .hasMessageContaining("clipping norm").hasMessageContaining("-1");
  }

  @Test
  void theTrainerClipsWhatTheOptimizerSees() {
    Dataset d = Fixtures.data(3, 20, 4);
    List<Double> seen = new ArrayList<>();
    Optimizer recording = parameters -> {
      seen.add(GradientClipping.globalNorm(parameters));
      for (Parameter p : parameters) {
        Kernels.get().axpy(-0.5, p.gradient(), p.value());
      }
    };
    new Trainer(Fixtures.network(3, 4), new Fixtures.CrossEntropy(), recording).fit(d.x(), d.y(), 5);
    List<Double> unclipped = List.copyOf(seen);
    assertThat(unclipped.get(0)).as("the fixture's first gradient is longer than the clip below").isGreaterThan(0.05);
    seen.clear();
    new Trainer(Fixtures.network(3, 4), new Fixtures.CrossEntropy(), recording).clipNorm(0.05).fit(d.x(), d.y(), 5);
    for (double n : seen) {
      assertThat(n).isLessThanOrEqualTo(0.05 + 1e-15);
    }
    assertThat(seen.get(0)).isCloseTo(0.05, within(1e-15));
    // A norm no gradient reaches changes nothing, bit for bit.
    seen.clear();
    new Trainer(Fixtures.network(3, 4), new Fixtures.CrossEntropy(), recording).clipNorm(1e6).fit(d.x(), d.y(), 5);
    assertThat(seen).isEqualTo(unclipped);
  }

  @Test
  void theNanGuardStillNamesTheLayerWhenClippingIsOn() {
    Activation sqrt = new Activation() {
      @Override
      public double apply(double z) {
        return Math.sqrt(Math.abs(z));
      }

      @Override
      public double derivative(double z, double a) {
        return Math.signum(z) * 0.5 / a; // infinite at z = 0
      }
    };
    Sequential model = Sequential.of(new TinyDense(2, 2), sqrt, new TinyDense(2, 1), new Logistic());
    model.layers().get(2).initialize(Initializer.LECUN, new NumpyRandom(1));
    Dataset d = Fixtures.data(2, 10, 9);
    Trainer trainer = new Trainer(model, new Fixtures.CrossEntropy(), p -> {}).clipNorm(1.0);
    assertThatThrownBy(() -> trainer.fit(d.x(), d.y(), 5))
        .isInstanceOf(TrainingException.class)
        .hasMessageContaining("gradient of W in layer 1 TinyDense(2->2)")
        .hasMessageContaining("iteration 0");
  }
}
