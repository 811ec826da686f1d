package io.jdnn.losses;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.Trainer;
import io.jdnn.layers.Dense;
import io.jdnn.layers.Softmax;
import org.junit.jupiter.api.Test;

/** Labels must be one-hot columns, as binary cross-entropy's must be 0 or 1. */
class CategoricalCrossEntropyTest {
  private final CategoricalCrossEntropy cce = new CategoricalCrossEntropy();

  @Test
  void oneHotColumnsAreAccepted() {
    Matrix y = Matrix.ofRows(new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 1});
    assertThatCode(() -> cce.checkLabels(y, "y")).doesNotThrowAnyException();
  }

  @Test
  void aClassIndexInsteadOfAOneIsRefusedNamingItsPlace() {
    Matrix y = Matrix.ofRows(new double[] {1, 0, 0}, new double[] {0, 2, 1});
    assertThatThrownBy(() -> cce.checkLabels(y, "y")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y holds 2.0 at row 1, column 1 (example 1)").hasMessageContaining("one-hot");
  }

  @Test
  void aColumnWithNoOneOrTwoOnesIsRefused() {
    Matrix none = Matrix.ofRows(new double[] {1, 0}, new double[] {0, 0});
    assertThatThrownBy(() -> cce.checkLabels(none, "y")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y column 1 (example 1) holds 0 ones").hasMessageContaining("exactly one 1");
    Matrix two = Matrix.ofRows(new double[] {1, 1}, new double[] {0, 1});
    assertThatThrownBy(() -> cce.checkLabels(two, "y")).hasMessageContaining("column 1 (example 1) holds 2 ones");
  }

  @Test
  void trainingRefusesSuchLabelsBeforeTheFirstStep() {
    Sequential model = Sequential.of(new Dense(2, 3), new Softmax());
    Matrix x = Matrix.ofRows(new double[] {0.1, 0.2}, new double[] {0.3, 0.4});
    Matrix y = Matrix.ofRows(new double[] {0, 0}, new double[] {2, 1}, new double[] {0, 0});
    double[] before = model.parameters().get(0).value().data().clone();
    assertThatThrownBy(() -> new Trainer(model, cce, parameters -> { }).fit(x, y, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y holds 2.0 at row 1, column 0");
    org.assertj.core.api.Assertions.assertThat(model.parameters().get(0).value().data()).isEqualTo(before);
  }
}
