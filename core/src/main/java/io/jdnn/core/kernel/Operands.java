package io.jdnn.core.kernel;

/**
 * The operands and shape of one product, which every part of it reads. A long-lived holder whose
 * fields are set per product ({@link #set}) and dropped after it ({@link #clear}): a product passes
 * one reference instead of ten values, and allocates nothing.
 *
 * <p>A is {@code n x k} with element (i, p) at {@code a[i * aRowStride + p * aColumnStride]} (for
 * A.B^T, A as {@link ProductABT#pack} packed it); B is read from {@code b}, or decoded from
 * {@code bytes} when that is not null; C is {@code n x m} row-major; {@code bias} (length n, or
 * null) is added to each row of C after the sum.
 */
final class Operands {
  double[] a;
  int aRowStride;
  int aColumnStride;
  double[] b;
  ByteSource bytes;
  double[] c;
  double[] bias;
  int n;
  int k;
  int m;
  /**
   * Whether the register blocks are the narrow ones, for machines with 16 vector registers (see
   * {@link ProductAB}); set once per kernel, it changes the speed, never the bits.
   */
  boolean narrow;

  /** Sets every field; returns this holder. */
  Operands set(double[] a, int aRowStride, int aColumnStride, double[] b, ByteSource bytes, double[] c,
      double[] bias, int n, int k, int m) {
    this.a = a;
    this.aRowStride = aRowStride;
    this.aColumnStride = aColumnStride;
    this.b = b;
    this.bytes = bytes;
    this.c = c;
    this.bias = bias;
    this.n = n;
    this.k = k;
    this.m = m;
    return this;
  }

  /** Drops the references, so the holder keeps no caller's matrices alive. */
  void clear() {
    a = null;
    b = null;
    bytes = null;
    c = null;
    bias = null;
  }
}
