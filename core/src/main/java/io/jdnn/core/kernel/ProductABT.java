package io.jdnn.core.kernel;

import jdk.incubator.vector.DoubleVector;

/**
 * {@code C = A.B^T}, one rectangle of C at a time, so that threads can share a product by
 * rectangles ({@link VectorKernel}'s parts).
 *
 * <p>A is first packed as A^T ({@link #pack}: a copy of A, which is the small operand here; in
 * training it is the gradient {@code dZ}, against the big {@code X}), in row blocks of
 * {@value #BLOCK_ROWS} rows, and vectors run along A's rows while {@value #BLOCK_COLUMNS} rows of
 * B are broadcast element by element. So each element of C is one chain of fused multiply-adds in
 * summation order: no lanes to reduce at the end (an ordered reduction, which cost much more than
 * this form) and no scalar tail when k is not a multiple of the vector width. A 24 x 8 block of C
 * lives in 24 registers; it leaves them through the part's {@link Workspace#block}, where it is
 * transposed into C's rows.
 *
 * <p>B's rows are brought into cache a panel of {@link #panelRows} rows at a time (see
 * {@link Vectors#touch}); they are contiguous, so a panel is one run of memory, and it stays in
 * cache while every row block of A passes over it. Byte-backed, a panel is decoded into the part's
 * decode buffer instead. (Fetching the next block a line per step inside the register block was
 * slower.)
 */
final class ProductABT {
  /** Rows of C per register block: three vectors of them. */
  static final int BLOCK_ROWS = 3 * Vectors.LANES;
  /** Columns of C per register block. */
  static final int BLOCK_COLUMNS = 8;
  /** Size of {@link Workspace#block}: one register block. */
  static final int BLOCK_DOUBLES = BLOCK_ROWS * BLOCK_COLUMNS;
  /** Bytes of B per panel (a quarter of L2). */
  static final int PANEL_BYTES = 256 * 1024;

  private ProductABT() {}

  /**
   * Copies A ({@code n x k}, row-major) into {@code packed} as {@link #multiply} reads it: for each
   * row block of {@link #BLOCK_ROWS} rows starting at row {@code i0}, at offset {@code i0 * k}, a
   * {@code k x w} row-major copy of that block of A^T, where {@code w} is the block's row count
   * rounded up to whole vectors (the extra lanes are zeros). {@code packed} needs
   * {@link #packedLength} elements.
   */
  static void pack(double[] a, int n, int k, double[] packed) {
    for (int i0 = 0; i0 < n; i0 += BLOCK_ROWS) {
      int rows = Math.min(BLOCK_ROWS, n - i0);
      int w = packedWidth(rows);
      int base = i0 * k;
      for (int p = 0; p < k; p++) {
        int o = base + p * w;
        for (int r = 0; r < rows; r++) {
          packed[o + r] = a[(i0 + r) * k + p];
        }
        for (int r = rows; r < w; r++) {
          packed[o + r] = 0.0;
        }
      }
    }
  }

  /** The length {@link #pack} needs for an {@code n x k} A. */
  static int packedLength(int n, int k) {
    int full = n / BLOCK_ROWS * BLOCK_ROWS;
    return full * k + packedWidth(n - full) * k;
  }

  /** The width of a packed row block of {@code rows} rows: whole vectors. */
  private static int packedWidth(int rows) {
    return (rows + Vectors.LANES - 1) / Vectors.LANES * Vectors.LANES;
  }

  /**
   * Rows {@code [i0, i1)} x columns {@code [j0, j1)} of {@code C = A.B^T} for the operands in
   * {@code op}: {@code op.a} is A as {@link #pack} packed it, B is {@code m x k} and C
   * {@code n x m}, both row-major; {@code i0} is a multiple of {@link #BLOCK_ROWS}.
   */
  static void multiply(Operands op, int i0, int i1, int j0, int j1, Workspace ws) {
    double[] packed = op.a;
    double[] b = op.b;
    double[] c = op.c;
    int n = op.n;
    int k = op.k;
    int m = op.m;
    ByteSource bytes = op.bytes;
    double[] scratch = ws.block;
    int rowsPerPanel = panelRows(k);
    for (int g0 = j0; g0 < j1; g0 += rowsPerPanel) {
      int g1 = Math.min(j1, g0 + rowsPerPanel);
      double[] src = b;
      int shift = 0;
      if (bytes == null) {
        Vectors.sink += Vectors.touch(b, k, g0, g1, 0, k);
      } else {
        bytes.decode(g0 * k, ws.decoded, 0, (g1 - g0) * k);
        src = ws.decoded;
        shift = -g0 * k;
      }
      for (int ib = i0; ib < i1; ib += BLOCK_ROWS) {
        int rows = Math.min(BLOCK_ROWS, n - ib);
        int stored = Math.min(rows, i1 - ib);
        int w = packedWidth(rows);
        int base = ib * k;
        int j = g0;
        for (; j + BLOCK_COLUMNS <= g1; j += BLOCK_COLUMNS) {
          // With 16 registers (op.narrow) the 24 or 16 accumulators of an 8-column block would
          // spill: it is computed as two blocks of 4 columns (at most 12 accumulators, 3 vectors
          // of A, 1 broadcast), each element the same chain as in the wide block.
          if (op.narrow && w == 3 * Vectors.LANES) {
            block3x4(packed, base, src, j * k + shift, k, scratch, 0);
            block3x4(packed, base, src, (j + 4) * k + shift, k, scratch, 4);
          } else if (op.narrow && w == 2 * Vectors.LANES) {
            block2x4(packed, base, src, j * k + shift, k, scratch, 0);
            block2x4(packed, base, src, (j + 4) * k + shift, k, scratch, 4);
          } else if (w == 3 * Vectors.LANES) {
            block3x8(packed, base, src, j * k + shift, k, scratch);
          } else if (w == 2 * Vectors.LANES) {
            block2x8(packed, base, src, j * k + shift, k, scratch);
          } else {
            block1x8(packed, base, src, j * k + shift, k, scratch);
          }
          transposeInto(scratch, w, stored, BLOCK_COLUMNS, c, ib, j, m);
        }
        for (; j < g1; j++) {
          for (int v = 0; v < w; v += Vectors.LANES) {
            DoubleVector s = DoubleVector.zero(Vectors.SPECIES);
            int bo = j * k + shift;
            for (int p = 0; p < k; p++) {
              s = DoubleVector.fromArray(Vectors.SPECIES, packed, base + p * w + v)
                  .fma(DoubleVector.broadcast(Vectors.SPECIES, src[bo + p]), s);
            }
            s.intoArray(scratch, v);
          }
          transposeInto(scratch, w, stored, 1, c, ib, j, m);
        }
      }
    }
  }

  /** Rows of B per panel: as many whole register blocks' worth as fit in {@link #PANEL_BYTES}. */
  static int panelRows(int k) {
    return Math.max(BLOCK_COLUMNS, PANEL_BYTES / 8 / Math.max(1, k) / BLOCK_COLUMNS * BLOCK_COLUMNS);
  }

  /** The decode buffer a byte-backed product needs for a summation length k, in doubles: one panel. */
  static int decodeLength(int k) {
    return panelRows(k) * k;
  }

  /** Column q of the block is at {@code scratch[q * w ...]}: writes its first {@code rows} lanes into C. */
  private static void transposeInto(double[] scratch, int w, int rows, int cols, double[] c, int i0, int j, int m) {
    for (int r = 0; r < rows; r++) {
      int co = (i0 + r) * m + j;
      for (int q = 0; q < cols; q++) {
        c[co + q] = scratch[q * w + r];
      }
    }
  }

  /** The hot loop of A.B^T: 3 vectors of rows x 8 columns of C in 24 registers. */
  private static void block3x8(double[] ap, int base, double[] b, int bo, int k, double[] s) {
    DoubleVector z = DoubleVector.zero(Vectors.SPECIES);
    DoubleVector c00 = z, c01 = z, c02 = z, c10 = z, c11 = z, c12 = z, c20 = z, c21 = z, c22 = z;
    DoubleVector c30 = z, c31 = z, c32 = z, c40 = z, c41 = z, c42 = z, c50 = z, c51 = z, c52 = z;
    DoubleVector c60 = z, c61 = z, c62 = z, c70 = z, c71 = z, c72 = z;
    int b1 = bo + k;
    int b2 = b1 + k;
    int b3 = b2 + k;
    int b4 = b3 + k;
    int b5 = b4 + k;
    int b6 = b5 + k;
    int b7 = b6 + k;
    int w = 3 * Vectors.LANES;
    for (int p = 0; p < k; p++) {
      int o = base + p * w;
      DoubleVector a0 = DoubleVector.fromArray(Vectors.SPECIES, ap, o);
      DoubleVector a1 = DoubleVector.fromArray(Vectors.SPECIES, ap, o + Vectors.LANES);
      DoubleVector a2 = DoubleVector.fromArray(Vectors.SPECIES, ap, o + 2 * Vectors.LANES);
      DoubleVector x = DoubleVector.broadcast(Vectors.SPECIES, b[bo + p]);
      c00 = a0.fma(x, c00);
      c01 = a1.fma(x, c01);
      c02 = a2.fma(x, c02);
      x = DoubleVector.broadcast(Vectors.SPECIES, b[b1 + p]);
      c10 = a0.fma(x, c10);
      c11 = a1.fma(x, c11);
      c12 = a2.fma(x, c12);
      x = DoubleVector.broadcast(Vectors.SPECIES, b[b2 + p]);
      c20 = a0.fma(x, c20);
      c21 = a1.fma(x, c21);
      c22 = a2.fma(x, c22);
      x = DoubleVector.broadcast(Vectors.SPECIES, b[b3 + p]);
      c30 = a0.fma(x, c30);
      c31 = a1.fma(x, c31);
      c32 = a2.fma(x, c32);
      x = DoubleVector.broadcast(Vectors.SPECIES, b[b4 + p]);
      c40 = a0.fma(x, c40);
      c41 = a1.fma(x, c41);
      c42 = a2.fma(x, c42);
      x = DoubleVector.broadcast(Vectors.SPECIES, b[b5 + p]);
      c50 = a0.fma(x, c50);
      c51 = a1.fma(x, c51);
      c52 = a2.fma(x, c52);
      x = DoubleVector.broadcast(Vectors.SPECIES, b[b6 + p]);
      c60 = a0.fma(x, c60);
      c61 = a1.fma(x, c61);
      c62 = a2.fma(x, c62);
      x = DoubleVector.broadcast(Vectors.SPECIES, b[b7 + p]);
      c70 = a0.fma(x, c70);
      c71 = a1.fma(x, c71);
      c72 = a2.fma(x, c72);
    }
    c00.intoArray(s, 0);
    c01.intoArray(s, Vectors.LANES);
    c02.intoArray(s, 2 * Vectors.LANES);
    c10.intoArray(s, w);
    c11.intoArray(s, w + Vectors.LANES);
    c12.intoArray(s, w + 2 * Vectors.LANES);
    c20.intoArray(s, 2 * w);
    c21.intoArray(s, 2 * w + Vectors.LANES);
    c22.intoArray(s, 2 * w + 2 * Vectors.LANES);
    c30.intoArray(s, 3 * w);
    c31.intoArray(s, 3 * w + Vectors.LANES);
    c32.intoArray(s, 3 * w + 2 * Vectors.LANES);
    c40.intoArray(s, 4 * w);
    c41.intoArray(s, 4 * w + Vectors.LANES);
    c42.intoArray(s, 4 * w + 2 * Vectors.LANES);
    c50.intoArray(s, 5 * w);
    c51.intoArray(s, 5 * w + Vectors.LANES);
    c52.intoArray(s, 5 * w + 2 * Vectors.LANES);
    c60.intoArray(s, 6 * w);
    c61.intoArray(s, 6 * w + Vectors.LANES);
    c62.intoArray(s, 6 * w + 2 * Vectors.LANES);
    c70.intoArray(s, 7 * w);
    c71.intoArray(s, 7 * w + Vectors.LANES);
    c72.intoArray(s, 7 * w + 2 * Vectors.LANES);
  }

  /**
   * Where registers are few ({@link Operands#narrow}): 3 vectors of rows x 4 columns, the columns
   * {@code q0} to {@code q0 + 3} of the scratch block (its other columns are another call's).
   */
  private static void block3x4(double[] ap, int base, double[] b, int bo, int k, double[] s, int q0) {
    DoubleVector z = DoubleVector.zero(Vectors.SPECIES);
    DoubleVector c00 = z, c01 = z, c02 = z, c10 = z, c11 = z, c12 = z, c20 = z, c21 = z, c22 = z;
    DoubleVector c30 = z, c31 = z, c32 = z;
    int b1 = bo + k;
    int b2 = b1 + k;
    int b3 = b2 + k;
    int w = 3 * Vectors.LANES;
    for (int p = 0; p < k; p++) {
      int o = base + p * w;
      DoubleVector a0 = DoubleVector.fromArray(Vectors.SPECIES, ap, o);
      DoubleVector a1 = DoubleVector.fromArray(Vectors.SPECIES, ap, o + Vectors.LANES);
      DoubleVector a2 = DoubleVector.fromArray(Vectors.SPECIES, ap, o + 2 * Vectors.LANES);
      DoubleVector x = DoubleVector.broadcast(Vectors.SPECIES, b[bo + p]);
      c00 = a0.fma(x, c00);
      c01 = a1.fma(x, c01);
      c02 = a2.fma(x, c02);
      x = DoubleVector.broadcast(Vectors.SPECIES, b[b1 + p]);
      c10 = a0.fma(x, c10);
      c11 = a1.fma(x, c11);
      c12 = a2.fma(x, c12);
      x = DoubleVector.broadcast(Vectors.SPECIES, b[b2 + p]);
      c20 = a0.fma(x, c20);
      c21 = a1.fma(x, c21);
      c22 = a2.fma(x, c22);
      x = DoubleVector.broadcast(Vectors.SPECIES, b[b3 + p]);
      c30 = a0.fma(x, c30);
      c31 = a1.fma(x, c31);
      c32 = a2.fma(x, c32);
    }
    int o = q0 * w;
    c00.intoArray(s, o);
    c01.intoArray(s, o + Vectors.LANES);
    c02.intoArray(s, o + 2 * Vectors.LANES);
    c10.intoArray(s, o + w);
    c11.intoArray(s, o + w + Vectors.LANES);
    c12.intoArray(s, o + w + 2 * Vectors.LANES);
    c20.intoArray(s, o + 2 * w);
    c21.intoArray(s, o + 2 * w + Vectors.LANES);
    c22.intoArray(s, o + 2 * w + 2 * Vectors.LANES);
    c30.intoArray(s, o + 3 * w);
    c31.intoArray(s, o + 3 * w + Vectors.LANES);
    c32.intoArray(s, o + 3 * w + 2 * Vectors.LANES);
  }

  /** As {@link #block3x4}, for a row block of 2 vectors. */
  private static void block2x4(double[] ap, int base, double[] b, int bo, int k, double[] s, int q0) {
    DoubleVector z = DoubleVector.zero(Vectors.SPECIES);
    DoubleVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
    int w = 2 * Vectors.LANES;
    for (int p = 0; p < k; p++) {
      int o = base + p * w;
      DoubleVector a0 = DoubleVector.fromArray(Vectors.SPECIES, ap, o);
      DoubleVector a1 = DoubleVector.fromArray(Vectors.SPECIES, ap, o + Vectors.LANES);
      int bp = bo + p;
      DoubleVector x = DoubleVector.broadcast(Vectors.SPECIES, b[bp]);
      c00 = a0.fma(x, c00);
      c01 = a1.fma(x, c01);
      x = DoubleVector.broadcast(Vectors.SPECIES, b[bp + k]);
      c10 = a0.fma(x, c10);
      c11 = a1.fma(x, c11);
      x = DoubleVector.broadcast(Vectors.SPECIES, b[bp + 2 * k]);
      c20 = a0.fma(x, c20);
      c21 = a1.fma(x, c21);
      x = DoubleVector.broadcast(Vectors.SPECIES, b[bp + 3 * k]);
      c30 = a0.fma(x, c30);
      c31 = a1.fma(x, c31);
    }
    int o = q0 * w;
    c00.intoArray(s, o);
    c01.intoArray(s, o + Vectors.LANES);
    c10.intoArray(s, o + w);
    c11.intoArray(s, o + w + Vectors.LANES);
    c20.intoArray(s, o + 2 * w);
    c21.intoArray(s, o + 2 * w + Vectors.LANES);
    c30.intoArray(s, o + 3 * w);
    c31.intoArray(s, o + 3 * w + Vectors.LANES);
  }

  /** 2 vectors of rows x 8 columns (a last block of 9 to 16 rows). */
  private static void block2x8(double[] ap, int base, double[] b, int bo, int k, double[] s) {
    DoubleVector z = DoubleVector.zero(Vectors.SPECIES);
    DoubleVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
    DoubleVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
    int w = 2 * Vectors.LANES;
    for (int p = 0; p < k; p++) {
      int o = base + p * w;
      DoubleVector a0 = DoubleVector.fromArray(Vectors.SPECIES, ap, o);
      DoubleVector a1 = DoubleVector.fromArray(Vectors.SPECIES, ap, o + Vectors.LANES);
      int bp = bo + p;
      DoubleVector x = DoubleVector.broadcast(Vectors.SPECIES, b[bp]);
      c00 = a0.fma(x, c00);
      c01 = a1.fma(x, c01);
      x = DoubleVector.broadcast(Vectors.SPECIES, b[bp + k]);
      c10 = a0.fma(x, c10);
      c11 = a1.fma(x, c11);
      x = DoubleVector.broadcast(Vectors.SPECIES, b[bp + 2 * k]);
      c20 = a0.fma(x, c20);
      c21 = a1.fma(x, c21);
      x = DoubleVector.broadcast(Vectors.SPECIES, b[bp + 3 * k]);
      c30 = a0.fma(x, c30);
      c31 = a1.fma(x, c31);
      x = DoubleVector.broadcast(Vectors.SPECIES, b[bp + 4 * k]);
      c40 = a0.fma(x, c40);
      c41 = a1.fma(x, c41);
      x = DoubleVector.broadcast(Vectors.SPECIES, b[bp + 5 * k]);
      c50 = a0.fma(x, c50);
      c51 = a1.fma(x, c51);
      x = DoubleVector.broadcast(Vectors.SPECIES, b[bp + 6 * k]);
      c60 = a0.fma(x, c60);
      c61 = a1.fma(x, c61);
      x = DoubleVector.broadcast(Vectors.SPECIES, b[bp + 7 * k]);
      c70 = a0.fma(x, c70);
      c71 = a1.fma(x, c71);
    }
    c00.intoArray(s, 0);
    c01.intoArray(s, Vectors.LANES);
    c10.intoArray(s, w);
    c11.intoArray(s, w + Vectors.LANES);
    c20.intoArray(s, 2 * w);
    c21.intoArray(s, 2 * w + Vectors.LANES);
    c30.intoArray(s, 3 * w);
    c31.intoArray(s, 3 * w + Vectors.LANES);
    c40.intoArray(s, 4 * w);
    c41.intoArray(s, 4 * w + Vectors.LANES);
    c50.intoArray(s, 5 * w);
    c51.intoArray(s, 5 * w + Vectors.LANES);
    c60.intoArray(s, 6 * w);
    c61.intoArray(s, 6 * w + Vectors.LANES);
    c70.intoArray(s, 7 * w);
    c71.intoArray(s, 7 * w + Vectors.LANES);
  }

  /** 1 vector of rows x 8 columns (a last block of up to 8 rows). */
  private static void block1x8(double[] ap, int base, double[] b, int bo, int k, double[] s) {
    DoubleVector c0 = DoubleVector.zero(Vectors.SPECIES);
    DoubleVector c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
    for (int p = 0; p < k; p++) {
      DoubleVector a0 = DoubleVector.fromArray(Vectors.SPECIES, ap, base + p * Vectors.LANES);
      int bp = bo + p;
      c0 = a0.fma(DoubleVector.broadcast(Vectors.SPECIES, b[bp]), c0);
      c1 = a0.fma(DoubleVector.broadcast(Vectors.SPECIES, b[bp + k]), c1);
      c2 = a0.fma(DoubleVector.broadcast(Vectors.SPECIES, b[bp + 2 * k]), c2);
      c3 = a0.fma(DoubleVector.broadcast(Vectors.SPECIES, b[bp + 3 * k]), c3);
      c4 = a0.fma(DoubleVector.broadcast(Vectors.SPECIES, b[bp + 4 * k]), c4);
      c5 = a0.fma(DoubleVector.broadcast(Vectors.SPECIES, b[bp + 5 * k]), c5);
      c6 = a0.fma(DoubleVector.broadcast(Vectors.SPECIES, b[bp + 6 * k]), c6);
      c7 = a0.fma(DoubleVector.broadcast(Vectors.SPECIES, b[bp + 7 * k]), c7);
    }
    c0.intoArray(s, 0);
    c1.intoArray(s, Vectors.LANES);
    c2.intoArray(s, 2 * Vectors.LANES);
    c3.intoArray(s, 3 * Vectors.LANES);
    c4.intoArray(s, 4 * Vectors.LANES);
    c5.intoArray(s, 5 * Vectors.LANES);
    c6.intoArray(s, 6 * Vectors.LANES);
    c7.intoArray(s, 7 * Vectors.LANES);
  }
}
