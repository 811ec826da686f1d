package io.jdnn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.training.Optimizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AdamW's first steps worked out by hand, and the difference from an L2 term under Adam that
 * Loshchilov and Hutter describe: L2's pull is divided by Adam's {@code sqrt(vHat)}, decoupled
 * decay is not.
 */
class AdamWTest {

  private static Parameter weights(double... w) {
    return new Parameter("W", Matrix.ofRows(w));
  }

  private static void step(Optimizer o, Parameter p, double... g) {
    System.arraycopy(g, 0, p.gradient().data(), 0, g.length);
    o.step(List.of(p));
  }

  @Test
  void firstTwoStepsByHand() {
    Parameter p = weights(1.0, -2.0);
    AdamW adamw = new AdamW(0.1, 0.9, 0.999, 1e-8, 0.5);
    adamw.initialize(List.of(p));
    step(adamw, p, 0.5, -0.25);
    // t=1: decay w <- w - 0.1*0.5*w = 0.95 w, then Adam's first step lr * g / (|g| + eps):
    // 0.95 - 0.1 * 0.5/(0.5 + 1e-8) = 0.85..., -1.9 + 0.1 * 0.25/(0.25 + 1e-8) = -1.8...
    double w0 = 0.95 - 0.1 * 0.5 / (0.5 + 1e-8);
    double w1 = -1.9 + 0.1 * 0.25 / (0.25 + 1e-8);
    assertThat(p.value().get(0, 0)).isCloseTo(w0, within(1e-15)).isCloseTo(0.85, within(1e-8));
    assertThat(p.value().get(0, 1)).isCloseTo(w1, within(1e-15)).isCloseTo(-1.8, within(1e-8));
    step(adamw, p, 0.1, 0.4);
    // t=2: decay by 0.95 again, then Adam's second step (moments as in OptimizerStepsTest):
    // m = [0.055, 0.0175], v = [0.00025975, 0.0002224375]; mHat = m/0.19, vHat = v/0.001999.
    double step0 = 0.1 * (0.055 / 0.19) / (Math.sqrt(0.00025975 / 0.001999) + 1e-8);
    double step1 = 0.1 * (0.0175 / 0.19) / (Math.sqrt(0.0002224375 / 0.001999) + 1e-8);
    assertThat(p.value().get(0, 0)).isCloseTo(0.95 * w0 - step0, within(1e-12));
    assertThat(p.value().get(0, 1)).isCloseTo(0.95 * w1 - step1, within(1e-12));
    assertThat(adamw.steps()).isEqualTo(2);
  }

  @Test
  void zeroDecayIsAdamBitForBit() {
    Parameter a = weights(1.0, -2.0, 0.3);
    Parameter b = weights(1.0, -2.0, 0.3);
    Adam adam = new Adam(0.01);
    AdamW adamw = new AdamW(0.01, 0.0);
    adam.initialize(List.of(a));
    adamw.initialize(List.of(b));
    for (int t = 0; t < 5; t++) {
      step(adam, a, 0.5 - t, 0.1 * t, -0.7);
      step(adamw, b, 0.5 - t, 0.1 * t, -0.7);
    }
    assertThat(b.value()).isEqualTo(a.value());
  }

  /**
   * The paper's point, on two weights of the same value 1: one with a large loss gradient (10),
   * one with none (0). Decoupled decay takes the same {@code lr * lambda} off both. An L2 term
   * added to the gradient goes through Adam's normalisation instead: it hardly changes the step of
   * the weight with the large gradient, and moves the other by a whole Adam step, {@code lr},
   * whatever lambda is.
   */
  @Test
  void decoupledDecayDiffersFromL2AsLoshchilovAndHutterSay() {
    double lr = 0.01;
    double[] g = {10.0, 0.0};
    Parameter plain = weights(1.0, 1.0);
    Adam adam = new Adam(lr);
    adam.initialize(List.of(plain));
    step(adam, plain, g);

    for (double lambda : new double[] {0.1, 0.001}) {
      Parameter decoupled = weights(1.0, 1.0);
      AdamW adamw = new AdamW(lr, lambda);
      adamw.initialize(List.of(decoupled));
      step(adamw, decoupled, g);

      Parameter l2 = weights(1.0, 1.0);
      Adam adamL2 = new Adam(lr);
      adamL2.initialize(List.of(l2));
      step(adamL2, l2, g[0] + lambda * 1.0, g[1] + lambda * 1.0); // dJ/dw + lambda w

      for (int k = 0; k < 2; k++) {
        double shareAdamW = plain.value().data()[k] - decoupled.value().data()[k];
        assertThat(shareAdamW).as("AdamW's decay of weight %d, lambda %s", k, lambda)
            .isCloseTo(lr * lambda, within(1e-12));
      }
      double shareL2Large = plain.value().data()[0] - l2.value().data()[0];
      double shareL2None = plain.value().data()[1] - l2.value().data()[1];
      // Adam's first step is lr * g / (|g| + eps): the L2 term's share is about 0 next to a large
      // gradient, and a whole step of lr (up to eps / lambda) where the loss gradient is 0.
      assertThat(Math.abs(shareL2Large)).as("L2's decay of the weight with large gradients").isLessThan(1e-9);
      assertThat(shareL2None).as("L2's decay of the weight without gradient, lambda %s", lambda)
          .isCloseTo(lr, within(lr * 1e-4));
    }
  }

  @Test
  void onlyRegularizedParametersDecay() {
    Parameter w = weights(2.0);
    Parameter b = new Parameter("b", Matrix.ofRows(new double[] {2.0}), false);
    AdamW adamw = new AdamW(0.1, 1.0);
    adamw.initialize(List.of(w, b));
    w.gradient().set(0, 0, 1.0);
    b.gradient().set(0, 0, 1.0);
    adamw.step(List.of(w, b));
    assertThat(w.value().get(0, 0)).isCloseTo(2.0 * 0.9 - 0.1, within(1e-8));
    assertThat(b.value().get(0, 0)).isCloseTo(2.0 - 0.1, within(1e-8));
  }

  @Test
  void hyperparametersAreCheckedAndPrinted() {
    assertThatThrownBy(() -> new AdamW(0.1, -0.01)).hasMessageContaining("weight decay").hasMessageContaining("-0.01");
    assertThatThrownBy(() -> new AdamW(0.1, Double.NaN)).hasMessageContaining("weight decay");
    assertThat(new AdamW(1e-4, 0.01).toString()).startsWith("AdamW(weightDecay=0.01, learningRate=")
        .contains("beta1=0.9");
    Parameter p = weights(1.0);
    assertThatThrownBy(() -> new AdamW(0.1, 0.1).step(List.of(p))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before initialize");
  }
}
