package io.jdnn.core.math;

import java.util.Objects;

/**
 * The compact form of a matrix whose values are whole numbers 0..255 divided by one number, as
 * images are ({@code pixels / 255}): element i is {@code (values[i] & 0xFF) / divisor}, in the
 * matrix's row-major order. One byte per element instead of eight.
 *
 * <p>A {@link Matrix} made by {@link Matrix#ofUnsignedBytes} keeps this form beside its doubles;
 * a kernel may read it instead of the doubles, decoding each value by the formula above, which
 * gives the same bits as the doubles hold. That is why the course's training reads its input X
 * (12288 x 209: 20.5 MB as doubles, 2.6 MB as bytes) from cache rather than from memory.
 *
 * <pre>{@code
 * Matrix x = Matrix.ofUnsignedBytes(2, 2, new byte[] {0, 51, (byte) 204, (byte) 255}, 255.0);
 * x.get(1, 1);                 // 1.0
 * x.unsignedBytes().value(1);  // 0.2, the same double as x.get(0, 1)
 * }</pre>
 *
 * @param values one byte per element, read as unsigned (0..255); not copied
 * @param divisor what every value is divided by; finite and not zero
 */
public record UnsignedBytes(byte[] values, double divisor) {

  public UnsignedBytes {
    Objects.requireNonNull(values, "values");
    if (!Double.isFinite(divisor) || divisor == 0.0) {
      throw new IllegalArgumentException("divisor of unsigned bytes must be finite and non-zero, got " + divisor);
    }
  }

  /** Element {@code i}: {@code (values[i] & 0xFF) / divisor}. */
  public double value(int i) {
    return decode(values[i]);
  }

  /**
   * The value a byte stands for, {@code (b & 0xFF) / divisor}, for every byte: entry {@code k} is
   * {@code k / divisor}. A new array of 256 doubles, for loops that decode many bytes by lookup
   * ({@code table[b & 0xFF]}) with the same bits as {@link #value}.
   */
  public double[] decodingTable() {
    double[] table = new double[256];
    for (int k = 0; k < table.length; k++) {
      table[k] = decode((byte) k);
    }
    return table;
  }

  private double decode(byte b) {
    return (b & 0xFF) / divisor;
  }
}
