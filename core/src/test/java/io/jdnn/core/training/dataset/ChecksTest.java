package io.jdnn.core.training.dataset;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksTest {

  @Test
  void exampleCountsMustAgree() {
    assertThatThrownBy(() -> Checks.sameExampleCount(Matrix.zeros(3, 5), Matrix.zeros(1, 4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x has 5 examples")
        .hasMessageContaining("y has 4");
  }

  @Test
  void theFirstNonFiniteValueIsNamedByFeatureAndExample() {
    Matrix x = Matrix.zeros(3, 4);
    x.set(2, 1, Double.NaN);
    x.set(2, 3, Double.POSITIVE_INFINITY);
    assertThatThrownBy(() -> Checks.finite(x, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x holds NaN at row 2, column 1")
        .hasMessageContaining("feature 2 of example 1");
    x.set(2, 1, 0.0);
    assertThatThrownBy(() -> Checks.finite(x, "x")).hasMessageContaining("Infinity at row 2, column 3");
  }

  @ParameterizedTest
  @ValueSource(doubles = {2.0, -1.0, 0.5, Double.NaN})
  void binaryLabelsAreZeroOrOne(double bad) {
    Matrix y = Matrix.ofRows(new double[] {0, 1, 1, bad, 0});
    assertThatThrownBy(() -> Checks.binaryLabels(y, "y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y holds " + bad + " at row 0, column 3")
        .hasMessageContaining("must be 0 or 1");
  }

  @Test
  void zeroAndOneAreAccepted() {
    assertThatCode(() -> Checks.binaryLabels(Matrix.ofRows(new double[] {0, 1, 1, 0}), "y"))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void countsMustBeAtLeastOne(int bad) {
    assertThatThrownBy(() -> Checks.atLeastOne(bad, "batch size"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch size must be at least 1, got " + bad);
  }

}
