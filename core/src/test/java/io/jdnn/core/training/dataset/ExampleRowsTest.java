package io.jdnn.core.training.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import org.junit.jupiter.api.Test;

class ExampleRowsTest {

  @Test
  void gathersTheNamedColumnsInTheirOrder() {
    // 3 features x 6 examples; element (i, j) = 10 i + j.
    Matrix x = Matrix.zeros(3, 6);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 6; j++) {
        x.set(i, j, 10 * i + j);
      }
    }
    ExampleRows rows = ExampleRows.of(x);
    int[] columns = {5, 0, 3, 3, 1, 4, 2};
    Matrix target = Matrix.zeros(3, 5);
    rows.gather(columns, 2, target);
    assertThat(target.data()).containsExactly(
        3, 3, 1, 4, 2,
        13, 13, 11, 14, 12,
        23, 23, 21, 24, 22);
    assertThat(rows.isBytes()).isFalse();
  }

  @Test
  void aTargetOfTheWrongShapeIsRefusedWithBothShapes() {
    ExampleRows rows = ExampleRows.of(Matrix.zeros(3, 6));
    assertThatThrownBy(() -> rows.gather(new int[] {0, 1}, 0, Matrix.zeros(4, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4x2").hasMessageContaining("expected 3 rows");
    assertThatThrownBy(() -> rows.gather(new int[] {0, 1}, 1, Matrix.zeros(3, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from 1");
  }
}
