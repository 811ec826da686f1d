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
 * Each optimizer's first two steps on one parameter {@code [w1, w2] = [1.0, -2.0]} with gradients
 * {@code g1 = [0.5, -0.25]} then {@code g2 = [0.1, 0.4]}, against the values worked out by hand in
 * the comments.
 */
class OptimizerStepsTest {
  private static final double TOL = 1e-15;

  private static Parameter parameter() {
    return new Parameter("W", Matrix.ofRows(new double[] {1.0, -2.0}));
  }

  private static void step(Optimizer o, Parameter p, double g0, double g1) {
    p.gradient().set(0, 0, g0);
    p.gradient().set(0, 1, g1);
    o.step(List.of(p));
  }

  @Test
  void sgdMovesAgainstTheGradient() {
    Parameter p = parameter();
    Optimizer sgd = new SGD(0.1);
    sgd.initialize(List.of(p));
    step(sgd, p, 0.5, -0.25);
    // 1 - 0.1*0.5 = 0.95; -2 - 0.1*(-0.25) = -1.975
    assertThat(p.value().get(0, 0)).isCloseTo(0.95, within(TOL));
    assertThat(p.value().get(0, 1)).isCloseTo(-1.975, within(TOL));
    step(sgd, p, 0.1, 0.4);
    // 0.95 - 0.01 = 0.94; -1.975 - 0.04 = -2.015
    assertThat(p.value().get(0, 0)).isCloseTo(0.94, within(TOL));
    assertThat(p.value().get(0, 1)).isCloseTo(-2.015, within(TOL));
  }

  @Test
  void momentumAveragesTheGradients() {
    Parameter p = parameter();
    Optimizer momentum = new Momentum(0.1, 0.9);
    momentum.initialize(List.of(p));
    step(momentum, p, 0.5, -0.25);
    // v = 0.1*g1 = [0.05, -0.025]; w = [1 - 0.005, -2 + 0.0025] = [0.995, -1.9975]
    assertThat(p.value().get(0, 0)).isCloseTo(0.995, within(TOL));
    assertThat(p.value().get(0, 1)).isCloseTo(-1.9975, within(TOL));
    step(momentum, p, 0.1, 0.4);
    // v = 0.9*[0.05, -0.025] + 0.1*[0.1, 0.4] = [0.055, 0.0175]; w = [0.995 - 0.0055, -1.9975 - 0.00175]
    assertThat(p.value().get(0, 0)).isCloseTo(0.9895, within(TOL));
    assertThat(p.value().get(0, 1)).isCloseTo(-1.99925, within(TOL));
  }

  @Test
  void adamsFirstTwoStepsWithBiasCorrection() {
    Parameter p = parameter();
    Adam adam = new Adam(0.1, 0.9, 0.999, 1e-8);
    adam.initialize(List.of(p));
    step(adam, p, 0.5, -0.25);
    // t=1: m = 0.1 g, v = 0.001 g^2; mHat = g, vHat = g^2: the step is lr * g / (|g| + eps),
    // about lr against the gradient's sign whatever its size.
    assertThat(p.value().get(0, 0)).isCloseTo(1.0 - 0.1 * 0.5 / (0.5 + 1e-8), within(TOL));
    assertThat(p.value().get(0, 1)).isCloseTo(-2.0 + 0.1 * 0.25 / (0.25 + 1e-8), within(TOL));
    double w0 = p.value().get(0, 0);
    double w1 = p.value().get(0, 1);
    step(adam, p, 0.1, 0.4);
    // t=2, first weight: m = 0.9*0.05 + 0.1*0.1 = 0.055, mHat = 0.055/0.19;
    // v = 0.999*0.00025 + 0.001*0.01 = 0.00025975, vHat = 0.00025975/0.001999.
    double mHat = 0.055 / (1 - 0.81);
    double vHat = 0.00025975 / (1 - 0.998001);
    assertThat(p.value().get(0, 0)).isCloseTo(w0 - 0.1 * mHat / (Math.sqrt(vHat) + 1e-8), within(1e-12));
    // second weight: m = 0.9*(-0.025) + 0.1*0.4 = 0.0175; v = 0.999*0.0000625 + 0.001*0.16 = 0.0002224375
    double mHat1 = 0.0175 / 0.19;
    double vHat1 = 0.0002224375 / 0.001999;
    assertThat(p.value().get(0, 1)).isCloseTo(w1 - 0.1 * mHat1 / (Math.sqrt(vHat1) + 1e-8), within(1e-12));
    assertThat(adam.steps()).isEqualTo(2);
  }

  @Test
  void adamWithoutBiasCorrectionWouldStepTenTimesShorter() {
    // The correction matters: uncorrected, the first step would be lr * 0.1g / (sqrt(0.001) |g|) ~ 0.316 lr.
    Parameter p = parameter();
    Adam adam = new Adam(0.01);
    adam.initialize(List.of(p));
    step(adam, p, 3.0, -0.002);
    assertThat(1.0 - p.value().get(0, 0)).isCloseTo(0.01, within(1e-9));
    assertThat(-2.0 - p.value().get(0, 1)).isCloseTo(-0.01, within(1e-7));
  }

  @Test
  void resetForgetsStateAndInitializeIsRequired() {
    Parameter p = parameter();
    Momentum momentum = new Momentum(0.1, 0.9);
    assertThatThrownBy(() -> momentum.step(List.of(p))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before initialize");
    momentum.initialize(List.of(p));
    step(momentum, p, 0.5, -0.25);
    momentum.reset();
    Parameter fresh = parameter();
    momentum.initialize(List.of(fresh));
    step(momentum, fresh, 0.5, -0.25);
    assertThat(fresh.value().get(0, 0)).isCloseTo(0.995, within(TOL));
    assertThatThrownBy(() -> momentum.step(List.of(parameter()))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not the one given to initialize");
  }

  @Test
  void optimizersTakeASchedule() {
    Parameter p = parameter();
    SGD sgd = new SGD(new StepDecay(0.1, 0.5, 1));
    sgd.initialize(List.of(p));
    step(sgd, p, 1.0, 0.0);
    step(sgd, p, 1.0, 0.0);
    // 1 - 0.1 - 0.05
    assertThat(p.value().get(0, 0)).isCloseTo(0.85, within(TOL));
  }

  @Test
  void hyperparametersAreCheckedAndPrinted() {
    assertThatThrownBy(() -> new Adam(0.1, 1.0, 0.999, 1e-8)).hasMessageContaining("beta1=1.0");
    assertThatThrownBy(() -> new Momentum(0.1, -0.1)).hasMessageContaining("beta").hasMessageContaining("-0.1");
    assertThatThrownBy(() -> new SGD(0.0)).hasMessageContaining("learning rate");
    assertThat(new Adam(1e-4).toString()).contains("1.0E-4").contains("beta1=0.9").contains("beta2=0.999");
  }
}
