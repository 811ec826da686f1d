package io.jdnn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jdnn.core.math.Matrix;
import org.junit.jupiter.api.Test;

class SoftmaxTest {

  @Test
  void columnsAreProbabilityDistributionsOverTheFeatureAxis() {
    Matrix z = Matrix.ofRows(new double[] {1, 0, 1000}, new double[] {2, 0, 1000}, new double[] {3, 0, -1000});
    Matrix a = new Softmax().predict(z);
    double e = Math.exp(1) + Math.exp(2) + Math.exp(3);
    assertThat(a.get(0, 0)).isCloseTo(Math.exp(1) / e, within(1e-15));
    assertThat(a.get(2, 0)).isCloseTo(Math.exp(3) / e, within(1e-15));
    assertThat(a.get(1, 1)).isCloseTo(1.0 / 3, within(1e-15));
    // Large logits neither overflow nor give NaN: the column's maximum is subtracted first.
    assertThat(a.get(0, 2)).isEqualTo(0.5);
    assertThat(a.get(2, 2)).isEqualTo(0.0);
  }
}
