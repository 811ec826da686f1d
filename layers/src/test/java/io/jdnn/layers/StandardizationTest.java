package io.jdnn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import org.junit.jupiter.api.Test;

/** {@link Standardization}: its statistics, its output, and that nothing of it is trained. */
class StandardizationTest {

  @Test
  void fitTakesTheMeanAndThePopulationStdOfEachFeature() {
    // Feature 0: 1, 2, 3, 6 (mean 3, variance (4 + 1 + 0 + 9) / 4 = 3.5); feature 1 is constant.
    Matrix x = Matrix.ofRows(new double[] {1, 2, 3, 6}, new double[] {5, 5, 5, 5});
    Standardization s = Standardization.fit(x);
    assertThat(s.mean().data()).containsExactly(3, 5);
    assertThat(s.std().data()).as("a constant feature keeps std 1, so it becomes 0").containsExactly(Math.sqrt(3.5), 1);
    Matrix z = s.predict(x);
    assertThat(z.get(0, 0)).isEqualTo((1 - 3) / Math.sqrt(3.5));
    assertThat(z.get(1, 2)).isZero();
    double sum = 0;
    double squares = 0;
    for (int j = 0; j < 4; j++) {
      sum += z.get(0, j);
      squares += z.get(0, j) * z.get(0, j);
    }
    assertThat(sum).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(squares / 4).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void theStatisticsAreBuffersNotParameters() {
    Standardization s = Standardization.fit(Matrix.ofRows(new double[] {1, 2}));
    assertThat(s.parameters()).as("optimizers and L2 never see them").isEmpty();
    assertThat(s.buffers()).extracting(p -> p.name()).containsExactly("mean", "std");
  }

  @Test
  void theGradientIsDividedByTheStd() {
    Standardization s = new Standardization(Matrix.ofRows(new double[] {1}, new double[] {2}),
        Matrix.ofRows(new double[] {2}, new double[] {4}));
    s.forward(Matrix.ofRows(new double[] {3}, new double[] {6}));
    assertThat(s.backward(Matrix.ofRows(new double[] {1}, new double[] {1}), true).data()).containsExactly(0.5, 0.25);
  }

  @Test
  void aZeroStdIsRefused() {
    assertThatThrownBy(() -> new Standardization(Matrix.ofRows(new double[] {1}), Matrix.ofRows(new double[] {0})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("feature 0 has mean 1.0 and std 0.0; expected a finite mean and a positive, finite std");
  }
}
