package io.jdnn.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import org.junit.jupiter.api.Test;

class InitializerTest {

  @Test
  void heAndXavierScaleTheSeededNormals() {
    Matrix he = Matrix.zeros(3, 5);
    Initializer.HE.initialize(he, 5, 3, new NumpyRandom(1));
    Matrix xavier = Matrix.zeros(3, 5);
    Initializer.byName("xavier").initialize(xavier, 5, 3, new NumpyRandom(1));
    NumpyRandom rng = new NumpyRandom(1);
    for (int i = 0; i < 15; i++) {
      double g = rng.nextGaussian();
      assertThat(he.data()[i]).isEqualTo(g * Math.sqrt(2.0 / 5));
      assertThat(xavier.data()[i]).isEqualTo(g * Math.sqrt(2.0 / 8));
    }
    assertThat(he.data()[0]).as("the course's first draw after seed 1").isEqualTo(1.6243453636632417 * Math.sqrt(0.4));
  }

  @Test
  void xavierUniformDrawsNumpysUniformWithinTheGlorotLimit() {
    Matrix w = Matrix.zeros(40, 60);
    Initializer.byName("xavier-uniform").initialize(w, 60, 40, new NumpyRandom(2));
    double r = Math.sqrt(6.0 / 100);
    NumpyRandom rng = new NumpyRandom(2);
    for (int i = 0; i < w.size(); i++) {
      assertThat(w.data()[i]).isEqualTo(-r + 2 * r * rng.nextDouble()).isBetween(-r, r);
    }
  }

  @Test
  void unknownNamesListTheKnownOnes() {
    assertThatThrownBy(() -> Initializer.byName("glorot"))
        .hasMessageContaining("'glorot'").hasMessageContaining("he").hasMessageContaining("xavier-uniform");
  }
}
