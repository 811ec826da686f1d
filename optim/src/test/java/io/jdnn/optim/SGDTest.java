package io.jdnn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class SGDTest {
  @Test
  void twoStepsSubtractTheScaledGradient() {
    Parameter w = new Parameter("W", Matrix.ofRows(new double[] {1.0, -2.0}));
    SGD sgd = new SGD(0.5);
    sgd.initialize(List.of(w));
    w.gradient().data()[0] = 0.2;
    w.gradient().data()[1] = -4.0;
    sgd.step(List.of(w));
    assertThat(w.value().data()).containsExactly(1.0 - 0.5 * 0.2, -2.0 + 0.5 * 4.0);
    w.gradient().data()[0] = 1.0;
    w.gradient().data()[1] = 0.0;
    sgd.step(List.of(w));
    assertThat(w.value().data()).containsExactly(1.0 - 0.5 * 0.2 - 0.5, 0.0);
  }

  @Test
  void rejectsLearningRatesThatCannotTrain() {
    assertThatThrownBy(() -> new SGD(0)).hasMessageContaining("positive and finite, got 0.0");
    assertThatThrownBy(() -> new SGD(Double.NaN)).hasMessageContaining("got NaN");
  }
}
