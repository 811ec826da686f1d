package io.jdnn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ActivationValuesTest {

  @Test
  void leakyReluKeepsPositivesAndScalesNegatives() {
    LeakyReLU f = new LeakyReLU(0.1);
    assertThat(f.apply(2.0)).isEqualTo(2.0);
    assertThat(f.apply(-3.0)).isEqualTo(0.1 * -3.0);
    assertThat(f.derivative(-3.0, -0.3)).isEqualTo(0.1);
    assertThat(f.derivative(2.0, 2.0)).isEqualTo(1.0);
    assertThat(f.toString()).contains("alpha=0.1");
    assertThatThrownBy(() -> new LeakyReLU(1.0)).hasMessageContaining("alpha").hasMessageContaining("1.0");
  }

  @Test
  void tanhDerivativeUsesItsOutput() {
    Tanh f = new Tanh();
    double a = f.apply(0.5);
    assertThat(a).isEqualTo(Math.tanh(0.5));
    assertThat(f.derivative(0.5, a)).isEqualTo(1 - a * a);
  }
}
