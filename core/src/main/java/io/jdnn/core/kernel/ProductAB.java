package io.jdnn.core.kernel;

import jdk.incubator.vector.DoubleVector;

/**
 * {@code C = A.B} and {@code C = A^T.B}, one rectangle of C at a time, so that threads can share a
 * product by rectangles ({@link VectorKernel}'s parts).
 *
 * <p>A block of 4 rows x 4 vectors of C (4 x 32 doubles with 512-bit vectors) lives in 16
 * accumulator registers while the summation index runs: per step, 4 vectors of one row of B, 4
 * broadcast elements of A and 16 fused multiply-adds. B is read where it lies (no packing: its rows
 * are contiguous, and a copy cost more than it saved); A is addressed through two strides, so A^T.B
 * is the same loop with the strides swapped. B is cut into panels of {@link #panelRows} rows
 * ({@value #MIN_PANEL_ROWS} to {@value #MAX_PANEL_ROWS}) by the rectangle's width (up to
 * {@value #MAX_PANEL_COLUMNS} columns); {@link Vectors#touch} first streams a panel into cache, where
 * it stays while every block of A's rows passes over it. Every element of C is one chain of fused
 * multiply-adds in summation order, whichever block (4 rows or 1, vector or scalar edge) computes
 * it, so results do not depend on how the output is cut up.
 *
 * <p>Where the machine has 16 vector registers (AVX2), the 4 x 4-vector block's 16 accumulators
 * leave none for B's vectors and A's broadcast element, and the JIT spills accumulators on every
 * step; there ({@link Operands#narrow}) {@link NarrowBlocks}' 6-row x 2-vector blocks run instead
 * (12 accumulators, 2 of B, 1 broadcast: 15 registers, the shape of BLIS's Haswell kernel), on a
 * packed copy of A, with this class's panels of B. Each element is still the same chain, so both
 * give the same bits.
 *
 * <p>B as bytes ({@link Operands#bytes}): each panel is decoded into the part's decode buffer in
 * place of the load-only pass, and the same blocks run on it, with B's row stride that of the
 * buffer.
 */
final class ProductAB {
  /** Rows of C per register block. */
  static final int BLOCK_ROWS = 4;
  /** Columns of C per register block: four vectors. */
  static final int BLOCK_COLUMNS = 4 * Vectors.LANES;
  /** Rows of B per panel, at most. */
  static final int MAX_PANEL_ROWS = 128;
  /** Rows of B per panel, at least (each panel loads and stores the block of C once more). */
  static final int MIN_PANEL_ROWS = 32;
  /** Columns of B per panel, at most. */
  static final int MAX_PANEL_COLUMNS = 1024;
  /**
   * Doubles per panel (256 KiB, a quarter of L2): a panel is as wide as the rectangle of C being
   * computed (up to {@link #MAX_PANEL_COLUMNS}) and has as many rows as fit ({@link #panelRows}).
   * It stays in cache while every 4-row block of A passes over each of its 32-column strips. Full
   * width matters: each panel of columns passes over all of A again, so narrower panels read A
   * more often (docs/performance.md, "Design choices", has the measurements).
   */
  static final int PANEL_DOUBLES = 32768;
  /**
   * The fewest columns a part (a strip of C) should have, where C has them: B is the big operand
   * of A.B in training (X in W1.X), and each part streams its columns of every row of B from
   * memory, which goes at the memory's pace only when those columns are a long contiguous run.
   */
  static final int MIN_PART_COLUMNS = 128;
  /** Where the first summation panel's accumulators load their zeros from. */
  private static final double[] ZEROS = new double[BLOCK_COLUMNS];

  private ProductAB() {}

  /**
   * Rows {@code [i0, i1)} x columns {@code [j0, j1)} of {@code C = A.B (+ bias)} for the operands
   * in {@code op}; the bias is added to each row after the sum, exactly as a separate pass would.
   *
   * <p>B is read from {@code op.b}, or, when {@code op.bytes} is not null, decoded (see
   * {@link ByteDecoder}) a panel at a time into {@code ws}'s decode buffer ({@link #decodeLength}
   * doubles), which then stays in cache while every block of A's rows passes over it: the same
   * values, so the same bits in C, from an eighth of the memory traffic.
   */
  static void multiply(Operands op, int i0, int i1, int j0, int j1, Workspace ws) {
    int k = op.k;
    int m = op.m;
    double[] c = op.c;
    double[] bias = op.bias;
    if (k == 0) {
      for (int i = i0; i < i1; i++) {
        double v = bias == null ? 0.0 : bias[i];
        for (int j = j0; j < j1; j++) {
          c[i * m + j] = 0.0 + v;
        }
      }
      return;
    }
    ByteSource bytes = op.bytes;
    Workspace.Panel panel = ws.panel;
    int jcw = Math.min(j1 - j0, MAX_PANEL_COLUMNS);
    int kcw = panelRows(jcw);
    boolean touchBytes = bytes != null && bytes.fromMemory();
    for (int jc = j0; jc < j1; jc += jcw) {
      int jcEnd = Math.min(jc + jcw, j1);
      for (int p0 = 0; p0 < k; p0 += kcw) {
        int pl = Math.min(kcw, k - p0);
        panel.firstRow = p0;
        panel.rows = pl;
        panel.first = p0 == 0;
        panel.bias = p0 + pl == k ? bias : null;
        if (bytes == null) {
          Vectors.sink += Vectors.touch(op.b, m, p0, p0 + pl, jc, jcEnd);
          panel.values = op.b;
          panel.stride = m;
          panel.offset = p0 * m;
        } else {
          int bs = decodedStride(jcEnd - jc);
          if (touchBytes) {
            Vectors.sink += bytes.touch(m, p0, p0 + pl, jc, jcEnd);
          }
          for (int p = 0; p < pl; p++) {
            bytes.decode((p0 + p) * m + jc, ws.decoded, p * bs, jcEnd - jc);
          }
          panel.values = ws.decoded;
          panel.stride = bs;
          panel.offset = -jc;
        }
        if (op.narrow) {
          NarrowBlocks.multiply(op, panel, i0, i1, jc, jcEnd, ws.packedA);
          continue;
        }
        for (int js = jc; js < jcEnd; js += BLOCK_COLUMNS) {
          int je = Math.min(js + BLOCK_COLUMNS, jcEnd);
          int jv = js + (je - js) / Vectors.LANES * Vectors.LANES;
          int i = i0;
          boolean fullStrip = jv - js == BLOCK_COLUMNS;
          for (; i + BLOCK_ROWS <= i1; i += BLOCK_ROWS) {
            if (fullStrip) {
              block4xNR(op, panel, i, js);
            } else {
              for (int j = js; j + Vectors.LANES <= jv; j += Vectors.LANES) {
                block4xL(op, panel, i, j);
              }
            }
          }
          for (; i < i1; i++) {
            for (int j = js; j + Vectors.LANES <= jv; j += Vectors.LANES) {
              block1xL(op.a, rowStart(op, panel, i), op.aColumnStride, op, panel, i, j);
            }
          }
          for (int j = jv; j < je; j++) {
            column(op, panel, i0, i1, j);
          }
        }
      }
    }
  }

  /**
   * Rows of B per panel for panels {@code width} columns wide: as many as keep the panel within
   * {@link #PANEL_DOUBLES}, from {@link #MIN_PANEL_ROWS} to {@link #MAX_PANEL_ROWS}.
   */
  static int panelRows(int width) {
    return Math.max(MIN_PANEL_ROWS, Math.min(MAX_PANEL_ROWS, PANEL_DOUBLES / Math.max(1, width)));
  }

  /**
   * The row stride of a decoded panel {@code width} columns wide: whole vectors, and an odd number
   * of 64-byte lines. With an even number of lines, a power of two above all (256 columns), the
   * same column of successive rows falls into a few sets of the L1 cache, which then holds a
   * fraction of the strip the block is reading.
   */
  static int decodedStride(int width) {
    int lines = (width + Vectors.LANES - 1) / Vectors.LANES;
    return (lines | 1) * Vectors.LANES;
  }

  /** The decode buffer a byte-backed product needs, in doubles: the largest panel, with its padded stride. */
  static int decodeLength() {
    return PANEL_DOUBLES + 2 * Vectors.LANES * MAX_PANEL_ROWS;
  }

  /**
   * Rows {@code [i0, i1)} of C's column j, one of the fewer than {@link Vectors#LANES} columns left
   * over after the vectors (C's last {@code m % 8}). Each element is a chain of scalar fused
   * multiply-adds, whose latency and not the FMA unit sets the pace, so eight rows at a time keep
   * eight chains in flight; four at a time, as the 4-row blocks would, made such a column cost as
   * much as eight vector columns.
   */
  private static void column(Operands op, Workspace.Panel panel, int i0, int i1, int j) {
    int i = i0;
    for (; i + 2 * BLOCK_ROWS <= i1; i += 2 * BLOCK_ROWS) {
      block8x1(op, panel, i, j);
    }
    for (; i + BLOCK_ROWS <= i1; i += BLOCK_ROWS) {
      block4x1(op, panel, i, j);
    }
    for (; i < i1; i++) {
      block1x1(op.a, rowStart(op, panel, i), op.aColumnStride, op, panel, i, j);
    }
  }

  // The blocks below load and store their accumulators inline rather than through helpers taking
  // or returning a DoubleVector: C2 (JDK 17) may leave such a helper, called once per block and so
  // "cold", un-inlined, and then boxes the vector on the heap at every call. Accumulators always
  // load from C, or from an array of zeros in the first summation block, for the same reason: a
  // vector chosen between two sources merges at a phi, where it is boxed too, so the array and
  // offset are chosen instead.

  /** The hot loop: 4 x 4 vectors of C in 16 registers. */
  private static void block4xNR(Operands op, Workspace.Panel panel, int i, int j) {
    double[] a = op.a;
    int ars = op.aRowStride;
    int acs = op.aColumnStride;
    int ao = i * ars + panel.firstRow * acs;
    double[] b = panel.values;
    int bo = panel.offset + j;
    int bs = panel.stride;
    int m = op.m;
    double[] c = op.c;
    int co = i * m + j;
    int pl = panel.rows;
    boolean first = panel.first;
    double[] bias = panel.bias;
    int c1 = co + m;
    int c2 = c1 + m;
    int c3 = c2 + m;
    int l2 = 2 * Vectors.LANES;
    int l3 = 3 * Vectors.LANES;
    // The first summation block starts from zeros without reading C (which may hold stale values):
    // the source array and offsets are chosen, not the vectors (see above).
    double[] src = first ? ZEROS : c;
    int s0 = first ? 0 : co;
    int rs = first ? 0 : m;
    DoubleVector c00 = DoubleVector.fromArray(Vectors.SPECIES, src, s0);
    DoubleVector c01 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + Vectors.LANES);
    DoubleVector c02 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + l2);
    DoubleVector c03 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + l3);
    DoubleVector c10 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + rs);
    DoubleVector c11 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + rs + Vectors.LANES);
    DoubleVector c12 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + rs + l2);
    DoubleVector c13 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + rs + l3);
    DoubleVector c20 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + 2 * rs);
    DoubleVector c21 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + 2 * rs + Vectors.LANES);
    DoubleVector c22 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + 2 * rs + l2);
    DoubleVector c23 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + 2 * rs + l3);
    DoubleVector c30 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + 3 * rs);
    DoubleVector c31 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + 3 * rs + Vectors.LANES);
    DoubleVector c32 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + 3 * rs + l2);
    DoubleVector c33 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + 3 * rs + l3);
    int r1 = ars;
    int r2 = 2 * ars;
    int r3 = 3 * ars;
    for (int p = 0; p < pl; p++) {
      int bp = bo + p * bs;
      DoubleVector b0 = DoubleVector.fromArray(Vectors.SPECIES, b, bp);
      DoubleVector b1 = DoubleVector.fromArray(Vectors.SPECIES, b, bp + Vectors.LANES);
      DoubleVector b2 = DoubleVector.fromArray(Vectors.SPECIES, b, bp + l2);
      DoubleVector b3 = DoubleVector.fromArray(Vectors.SPECIES, b, bp + l3);
      int ap = ao + p * acs;
      DoubleVector x = DoubleVector.broadcast(Vectors.SPECIES, a[ap]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      c02 = x.fma(b2, c02);
      c03 = x.fma(b3, c03);
      x = DoubleVector.broadcast(Vectors.SPECIES, a[ap + r1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      c12 = x.fma(b2, c12);
      c13 = x.fma(b3, c13);
      x = DoubleVector.broadcast(Vectors.SPECIES, a[ap + r2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      c22 = x.fma(b2, c22);
      c23 = x.fma(b3, c23);
      x = DoubleVector.broadcast(Vectors.SPECIES, a[ap + r3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      c32 = x.fma(b2, c32);
      c33 = x.fma(b3, c33);
    }
    if (bias == null) {
      c00.intoArray(c, co);
      c01.intoArray(c, co + Vectors.LANES);
      c02.intoArray(c, co + l2);
      c03.intoArray(c, co + l3);
      c10.intoArray(c, c1);
      c11.intoArray(c, c1 + Vectors.LANES);
      c12.intoArray(c, c1 + l2);
      c13.intoArray(c, c1 + l3);
      c20.intoArray(c, c2);
      c21.intoArray(c, c2 + Vectors.LANES);
      c22.intoArray(c, c2 + l2);
      c23.intoArray(c, c2 + l3);
      c30.intoArray(c, c3);
      c31.intoArray(c, c3 + Vectors.LANES);
      c32.intoArray(c, c3 + l2);
      c33.intoArray(c, c3 + l3);
    } else {
      c00.add(bias[i]).intoArray(c, co);
      c01.add(bias[i]).intoArray(c, co + Vectors.LANES);
      c02.add(bias[i]).intoArray(c, co + l2);
      c03.add(bias[i]).intoArray(c, co + l3);
      c10.add(bias[i + 1]).intoArray(c, c1);
      c11.add(bias[i + 1]).intoArray(c, c1 + Vectors.LANES);
      c12.add(bias[i + 1]).intoArray(c, c1 + l2);
      c13.add(bias[i + 1]).intoArray(c, c1 + l3);
      c20.add(bias[i + 2]).intoArray(c, c2);
      c21.add(bias[i + 2]).intoArray(c, c2 + Vectors.LANES);
      c22.add(bias[i + 2]).intoArray(c, c2 + l2);
      c23.add(bias[i + 2]).intoArray(c, c2 + l3);
      c30.add(bias[i + 3]).intoArray(c, c3);
      c31.add(bias[i + 3]).intoArray(c, c3 + Vectors.LANES);
      c32.add(bias[i + 3]).intoArray(c, c3 + l2);
      c33.add(bias[i + 3]).intoArray(c, c3 + l3);
    }
  }

  private static void block4xL(Operands op, Workspace.Panel panel, int i, int j) {
    double[] a = op.a;
    int ars = op.aRowStride;
    int acs = op.aColumnStride;
    int ao = i * ars + panel.firstRow * acs;
    double[] b = panel.values;
    int bo = panel.offset + j;
    int bs = panel.stride;
    int m = op.m;
    double[] c = op.c;
    int co = i * m + j;
    int pl = panel.rows;
    boolean first = panel.first;
    double[] bias = panel.bias;
    double[] src = first ? ZEROS : c;
    int s0 = first ? 0 : co;
    int rs = first ? 0 : m;
    DoubleVector c0 = DoubleVector.fromArray(Vectors.SPECIES, src, s0);
    DoubleVector c1 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + rs);
    DoubleVector c2 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + 2 * rs);
    DoubleVector c3 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + 3 * rs);
    for (int p = 0; p < pl; p++) {
      DoubleVector bv = DoubleVector.fromArray(Vectors.SPECIES, b, bo + p * bs);
      int ap = ao + p * acs;
      c0 = DoubleVector.broadcast(Vectors.SPECIES, a[ap]).fma(bv, c0);
      c1 = DoubleVector.broadcast(Vectors.SPECIES, a[ap + ars]).fma(bv, c1);
      c2 = DoubleVector.broadcast(Vectors.SPECIES, a[ap + 2 * ars]).fma(bv, c2);
      c3 = DoubleVector.broadcast(Vectors.SPECIES, a[ap + 3 * ars]).fma(bv, c3);
    }
    if (bias == null) {
      c0.intoArray(c, co);
      c1.intoArray(c, co + m);
      c2.intoArray(c, co + 2 * m);
      c3.intoArray(c, co + 3 * m);
    } else {
      c0.add(bias[i]).intoArray(c, co);
      c1.add(bias[i + 1]).intoArray(c, co + m);
      c2.add(bias[i + 2]).intoArray(c, co + 2 * m);
      c3.add(bias[i + 3]).intoArray(c, co + 3 * m);
    }
  }

  private static void block8x1(Operands op, Workspace.Panel panel, int i, int j) {
    double[] a = op.a;
    int ars = op.aRowStride;
    int acs = op.aColumnStride;
    int ao = i * ars + panel.firstRow * acs;
    double[] b = panel.values;
    int bo = panel.offset + j;
    int bs = panel.stride;
    int m = op.m;
    double[] c = op.c;
    int co = i * m + j;
    int pl = panel.rows;
    boolean first = panel.first;
    double[] bias = panel.bias;
    double s0 = first ? 0.0 : c[co];
    double s1 = first ? 0.0 : c[co + m];
    double s2 = first ? 0.0 : c[co + 2 * m];
    double s3 = first ? 0.0 : c[co + 3 * m];
    double s4 = first ? 0.0 : c[co + 4 * m];
    double s5 = first ? 0.0 : c[co + 5 * m];
    double s6 = first ? 0.0 : c[co + 6 * m];
    double s7 = first ? 0.0 : c[co + 7 * m];
    for (int p = 0; p < pl; p++) {
      double bv = b[bo + p * bs];
      int ap = ao + p * acs;
      s0 = Math.fma(a[ap], bv, s0);
      s1 = Math.fma(a[ap + ars], bv, s1);
      s2 = Math.fma(a[ap + 2 * ars], bv, s2);
      s3 = Math.fma(a[ap + 3 * ars], bv, s3);
      s4 = Math.fma(a[ap + 4 * ars], bv, s4);
      s5 = Math.fma(a[ap + 5 * ars], bv, s5);
      s6 = Math.fma(a[ap + 6 * ars], bv, s6);
      s7 = Math.fma(a[ap + 7 * ars], bv, s7);
    }
    c[co] = bias == null ? s0 : s0 + bias[i];
    c[co + m] = bias == null ? s1 : s1 + bias[i + 1];
    c[co + 2 * m] = bias == null ? s2 : s2 + bias[i + 2];
    c[co + 3 * m] = bias == null ? s3 : s3 + bias[i + 3];
    c[co + 4 * m] = bias == null ? s4 : s4 + bias[i + 4];
    c[co + 5 * m] = bias == null ? s5 : s5 + bias[i + 5];
    c[co + 6 * m] = bias == null ? s6 : s6 + bias[i + 6];
    c[co + 7 * m] = bias == null ? s7 : s7 + bias[i + 7];
  }

  private static void block4x1(Operands op, Workspace.Panel panel, int i, int j) {
    double[] a = op.a;
    int ars = op.aRowStride;
    int acs = op.aColumnStride;
    int ao = i * ars + panel.firstRow * acs;
    double[] b = panel.values;
    int bo = panel.offset + j;
    int bs = panel.stride;
    int m = op.m;
    double[] c = op.c;
    int co = i * m + j;
    int pl = panel.rows;
    boolean first = panel.first;
    double[] bias = panel.bias;
    double s0 = first ? 0.0 : c[co];
    double s1 = first ? 0.0 : c[co + m];
    double s2 = first ? 0.0 : c[co + 2 * m];
    double s3 = first ? 0.0 : c[co + 3 * m];
    for (int p = 0; p < pl; p++) {
      double bv = b[bo + p * bs];
      int ap = ao + p * acs;
      s0 = Math.fma(a[ap], bv, s0);
      s1 = Math.fma(a[ap + ars], bv, s1);
      s2 = Math.fma(a[ap + 2 * ars], bv, s2);
      s3 = Math.fma(a[ap + 3 * ars], bv, s3);
    }
    c[co] = bias == null ? s0 : s0 + bias[i];
    c[co + m] = bias == null ? s1 : s1 + bias[i + 1];
    c[co + 2 * m] = bias == null ? s2 : s2 + bias[i + 2];
    c[co + 3 * m] = bias == null ? s3 : s3 + bias[i + 3];
  }

  /**
   * One row (row i of C) x 1 vector of C, from columns {@code j}: A's elements of the row for the
   * panel's steps are at {@code a[ao + p * step]}, so this serves A where it lies (step = A's
   * column stride) and a packed A ({@link NarrowBlocks}: step = the rows in its group).
   */
  static void block1xL(double[] a, int ao, int step, Operands op, Workspace.Panel panel, int i, int j) {
    double[] b = panel.values;
    int bo = panel.offset + j;
    int bs = panel.stride;
    double[] c = op.c;
    int co = i * op.m + j;
    int pl = panel.rows;
    double[] bias = panel.bias;
    DoubleVector s = DoubleVector.fromArray(Vectors.SPECIES, panel.first ? ZEROS : c, panel.first ? 0 : co);
    for (int p = 0; p < pl; p++) {
      s = DoubleVector.broadcast(Vectors.SPECIES, a[ao + p * step]).fma(DoubleVector.fromArray(Vectors.SPECIES, b, bo + p * bs), s);
    }
    if (bias == null) {
      s.intoArray(c, co);
    } else {
      s.add(bias[i]).intoArray(c, co);
    }
  }

  /** Element (i, j) of C, one scalar chain; A's elements as in {@link #block1xL}. */
  static void block1x1(double[] a, int ao, int step, Operands op, Workspace.Panel panel, int i, int j) {
    double[] b = panel.values;
    int bo = panel.offset + j;
    int bs = panel.stride;
    double[] c = op.c;
    int co = i * op.m + j;
    int pl = panel.rows;
    double[] bias = panel.bias;
    double s = panel.first ? 0.0 : c[co];
    for (int p = 0; p < pl; p++) {
      s = Math.fma(a[ao + p * step], b[bo + p * bs], s);
    }
    c[co] = bias == null ? s : s + bias[i];
  }

  /** Where row i's elements of A for the panel start, A where it lies. */
  private static int rowStart(Operands op, Workspace.Panel panel, int i) {
    return i * op.aRowStride + panel.firstRow * op.aColumnStride;
  }
}
