package io.jdnn.core.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MatrixTest {
  private final Matrix m = Matrix.of(2, 3, new double[] {1, 2, 3, 4, 5, 6});

  @Test
  void layoutIsRowMajor() {
    assertThat(m.get(0, 2)).isEqualTo(3);
    assertThat(m.get(1, 0)).isEqualTo(4);
    m.set(1, 2, 60);
    assertThat(m.data()[5]).isEqualTo(60);
  }

  @Test
  void transposeAndColumnSlices() {
    assertThat(m.transpose()).isEqualTo(Matrix.ofRows(new double[] {1, 4}, new double[] {2, 5}, new double[] {3, 6}));
    assertThat(m.columns(1, 3)).isEqualTo(Matrix.ofRows(new double[] {2, 3}, new double[] {5, 6}));
  }

  @Test
  void wrongSizesAreNamed() {
    assertThatThrownBy(() -> Matrix.of(2, 2, new double[3])).hasMessageContaining("a 2x2 matrix needs 4 values, got 3");
    assertThatThrownBy(() -> m.get(2, 0)).hasMessageContaining("(2, 0) is outside a 2x3 matrix");
    assertThatThrownBy(() -> m.requireSameShape(Matrix.zeros(3, 2), "labels"))
        .hasMessageContaining("labels has shape 3x2, expected 2x3");
  }

  @Test
  void decodingTableGivesEveryByteTheValueItStandsFor() {
    for (double divisor : new double[] {255.0, 3.0, -7.5}) {
      byte[] all = new byte[256];
      for (int k = 0; k < 256; k++) {
        all[k] = (byte) k;
      }
      UnsignedBytes bytes = new UnsignedBytes(all, divisor);
      double[] table = bytes.decodingTable();
      assertThat(table).hasSize(256);
      for (int k = 0; k < 256; k++) {
        assertThat(Double.doubleToRawLongBits(table[k])).as("byte %d over %s", k, divisor)
            .isEqualTo(Double.doubleToRawLongBits(k / divisor))
            .isEqualTo(Double.doubleToRawLongBits(bytes.value(k)));
      }
    }
  }

  @Test
  void byteBackedMatrixHoldsTheQuotientsAndKeepsItsBytes() {
    byte[] pixels = {0, 51, (byte) 128, (byte) 255, 7, 1};
    Matrix x = Matrix.ofUnsignedBytes(2, 3, pixels, 255.0);
    assertThat(x.data()).containsExactly(0.0, 51 / 255.0, 128 / 255.0, 1.0, 7 / 255.0, 1 / 255.0);
    assertThat(x.unsignedBytes().values()).isSameAs(pixels);
    assertThat(x.unsignedBytes().value(2)).isEqualTo(x.get(0, 2));
    Matrix plain = x.copy();
    assertThat(plain).isEqualTo(x);
    assertThat(plain.unsignedBytes()).as("a copy is plain doubles, free to change").isNull();
    assertThat(x.columns(0, 2).unsignedBytes()).isNull();
    assertThat(m.unsignedBytes()).isNull();
  }

  @Test
  void byteBackedMatrixRejectsWrongSizesAndDivisors() {
    assertThatThrownBy(() -> Matrix.ofUnsignedBytes(2, 2, new byte[3], 255.0))
        .hasMessageContaining("a 2x2 matrix needs 4 bytes, got 3");
    assertThatThrownBy(() -> Matrix.ofUnsignedBytes(1, 1, new byte[1], 0.0))
        .hasMessageContaining("divisor of unsigned bytes must be finite and non-zero, got 0.0");
    assertThatThrownBy(() -> Matrix.ofUnsignedBytes(1, 1, new byte[1], Double.NaN))
        .hasMessageContaining("got NaN");
  }
}
