package io.jdnn.core.kernel;

import io.jdnn.core.math.UnsignedBytes;

/**
 * Where the products take B from when it is {@link UnsignedBytes}: a holder that a kernel owns and
 * points at each byte-backed B in turn, so a product allocates nothing. Decoding goes through
 * {@link ByteDecoder}, to exactly the doubles the matrix holds.
 */
final class ByteSource {
  /**
   * Bytes of B from which a product first streams each panel's lines into cache ({@link #touch})
   * before decoding them: about what this machine's share of L3 holds between products. Below it
   * the bytes are still in cache from the previous product, and the extra pass only costs; above
   * it they come from memory, and the pass pays (docs/performance.md has the measurements).
   */
  static final int TOUCH_MIN_BYTES = 8 << 20;
  private byte[] values;
  private double divisor = Double.NaN;
  private boolean byReciprocal;

  /** Points this holder at {@code source}; false (and a product reads doubles) where decoding is not supported. */
  boolean set(UnsignedBytes source) {
    if (!ByteDecoder.SUPPORTED) {
      return false;
    }
    values = source.values();
    if (Double.doubleToRawLongBits(source.divisor()) != Double.doubleToRawLongBits(divisor)) {
      divisor = source.divisor();
      byReciprocal = ByteDecoder.reciprocalIsExact(divisor);
    }
    return true;
  }

  /** Drops the reference to the bytes, so the holder keeps no caller's data alive. */
  void clear() {
    values = null;
  }

  /** Whether B is large enough to come from memory, so that panels are touched before they are decoded. */
  boolean fromMemory() {
    return values.length >= TOUCH_MIN_BYTES;
  }

  /**
   * Loads one byte per 64-byte line of rows {@code [p0, p1)} x columns {@code [j0, j1)} of the
   * bytes (m columns) and returns them or-ed together: as {@link Vectors#touch}, a loop with
   * nothing to do but load keeps many more lines in flight than the decoding loop, whose
   * conversions fill the processor's window a few lines at a time.
   */
  int touch(int m, int p0, int p1, int j0, int j1) {
    byte[] v = values;
    int bits = 0;
    for (int p = p0; p < p1; p++) {
      int row = p * m;
      for (int q = row + j0; q < row + j1; q += 64) {
        bits |= v[q];
      }
      bits |= v[row + j1 - 1];
    }
    return bits;
  }

  /** {@code dst[at + i] = value(from + i)} for {@code i < n}. */
  void decode(int from, double[] dst, int at, int n) {
    ByteDecoder.decode(values, from, dst, at, n, divisor, byReciprocal);
  }
}
