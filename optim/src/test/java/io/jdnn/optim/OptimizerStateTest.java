package io.jdnn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.training.state.IncompatibleStateException;
import io.jdnn.core.training.Optimizer;
import io.jdnn.core.training.state.Stateful;
import io.jdnn.core.training.state.TrainingState;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * An optimizer restored from its saved state (a fresh one, initialized with parameters of the same
 * shapes) takes exactly the steps the original takes next: moments, velocities, the step count and
 * so the schedule's position all come back.
 */
class OptimizerStateTest {

  static Stream<Supplier<Optimizer>> optimizers() {
    return Stream.of(
        () -> new SGD(new StepDecay(0.1, 0.5, 3)),
        () -> new Momentum(new ExponentialDecay(0.1, 0.9, 2), 0.9),
        () -> new Adam(new InverseTimeDecay(0.01, 1, 2)),
        () -> new Adam(0.01),
        () -> new AdamW(new StepDecay(0.01, 0.5, 4), 0.1));
  }

  private static List<Parameter> parameters() {
    return List.of(new Parameter("W", Matrix.of(2, 3, new double[] {1, -2, 3, -4, 5, -6})),
        new Parameter("b", Matrix.of(2, 1, new double[] {0.5, -0.5}), false));
  }

  /** A gradient that changes with the step and the weights, so every state matters. */
  private static void gradients(List<Parameter> ps, int step) {
    for (Parameter p : ps) {
      double[] g = p.gradient().data();
      double[] w = p.value().data();
      for (int i = 0; i < g.length; i++) {
        g[i] = Math.sin(step + i) + 0.1 * w[i];
      }
    }
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void aRestoredOptimizerTakesTheStepsTheOriginalTakes(Supplier<Optimizer> make) {
    List<Parameter> a = parameters();
    Optimizer original = make.get();
    original.initialize(a);
    for (int s = 0; s < 5; s++) {
      gradients(a, s);
      original.step(a);
    }
    TrainingState state = new TrainingState();
    ((Stateful) original).saveState(state.scope("optimizer"));
    List<Parameter> b = parameters();
    for (int i = 0; i < a.size(); i++) {
      b.get(i).value().copyFrom(a.get(i).value());
    }
    Optimizer restored = make.get();
    restored.initialize(b);
    ((Stateful) restored).restoreState(state.scope("optimizer"));
    for (int s = 5; s < 12; s++) {
      gradients(a, s);
      original.step(a);
      gradients(b, s);
      restored.step(b);
      for (int i = 0; i < a.size(); i++) {
        assertThat(b.get(i).value().data()).as(original + " step " + s).containsExactly(a.get(i).value().data());
      }
    }
  }

  @Test
  void anotherSettingOrScheduleIsRefusedNamingIt() {
    List<Parameter> ps = parameters();
    Adam adam = new Adam(0.01);
    adam.initialize(ps);
    TrainingState state = new TrainingState();
    adam.saveState(state);
    Adam otherBeta = new Adam(0.01, 0.8, 0.999, 1e-8);
    otherBeta.initialize(ps);
    assertThatThrownBy(() -> otherBeta.restoreState(state)).isInstanceOf(IncompatibleStateException.class)
        .hasMessageContaining("beta1").hasMessageContaining("0.9").hasMessageContaining("0.8");
    Adam otherRate = new Adam(0.02);
    otherRate.initialize(ps);
    assertThatThrownBy(() -> otherRate.restoreState(state)).isInstanceOf(IncompatibleStateException.class)
        .hasMessageContaining("schedule").hasMessageContaining("constant(0.01)");
    TrainingState sgdState = new TrainingState();
    new SGD(new StepDecay(0.1, 0.5, 3)).saveState(sgdState);
    assertThatThrownBy(() -> new SGD(new StepDecay(0.1, 0.5, 4)).restoreState(sgdState))
        .isInstanceOf(IncompatibleStateException.class).hasMessageContaining("every=3");
  }

  @Test
  void momentsOfOtherShapesAreRefused() {
    Adam adam = new Adam(0.01);
    adam.initialize(parameters());
    TrainingState state = new TrainingState();
    adam.saveState(state);
    Adam other = new Adam(0.01);
    other.initialize(List.of(new Parameter("W", Matrix.zeros(3, 3))));
    assertThatThrownBy(() -> other.restoreState(state)).isInstanceOf(IncompatibleStateException.class)
        .hasMessageContaining("m.");
    assertThatThrownBy(() -> new Adam(0.01).restoreState(state)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before initialize");
  }
}
