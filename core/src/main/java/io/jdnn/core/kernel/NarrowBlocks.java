package io.jdnn.core.kernel;

import jdk.incubator.vector.DoubleVector;

/**
 * The register blocks of {@code C = A.B} for machines with 16 vector registers (AVX2,
 * {@link Operands#narrow}), on a packed copy of A: one panel of B at a time, for up to
 * {@value #PACKED_ROWS} rows of C at a time.
 *
 * <p>A block of 6 rows x 2 vectors of C (6 x 8 doubles) lives in 12 accumulator registers while
 * the summation index p runs: per step, 2 vectors of one row of B, 6 broadcast elements of A and 12
 * fused multiply-adds (the shape of BLIS's Haswell kernel). The rows of C that are left over go two
 * at a time (2 x 4 vectors) and then one at a time.
 *
 * <p><b>Why A is packed.</b> Read where it lies, A's six elements of a step sit in six rows (or, for
 * A^T.B, six columns) a run-time stride apart, and the JIT keeps a bounds check for each of those
 * loads inside the loop: a loop index times a variable is beyond its range-check elimination. So
 * {@link #pack} first copies the block's rows of A, for the panel's rows of B, into
 * {@link Workspace#packedA}, six rows interleaved: element (row r of the group, step p) at
 * {@code p * 6 + r}, a constant stride, whose checks the JIT hoists out of the loop. The block
 * then reads one contiguous run of A. The 6 x 2-vector loop alone ran at 18-21 billion
 * multiply-adds a second against 13-14 on A in place, and the course's W1.X (20 x 12,288 x 209,
 * one thread, B decoded from bytes) took 4.0-4.7 ms against 5.1-5.4 (the fastest tenth of 600
 * calls in each of four JVMs per version, alternating: docs/performance.md). The copy is a small
 * fraction of the work: each element of A is copied once per panel and then used by every
 * column of the panel.
 *
 * <p>Every element of C is still one chain of fused multiply-adds in summation order, as in
 * {@link ProductAB}'s other blocks, so the bits are the same.
 */
final class NarrowBlocks {
  /** Rows of C per register block. */
  static final int ROWS = 6;
  /** Rows of A packed at a time: 16 blocks, 96 x 128 doubles (96 KiB, in L2 with the panel). */
  static final int PACKED_ROWS = 16 * ROWS;
  /** Columns of C per strip: the 2 x 4-vector block's width (two 6 x 2-vector blocks). */
  static final int STRIP = 4 * Vectors.LANES;
  /** Where the first summation panel's accumulators load their zeros from. */
  private static final double[] ZEROS = new double[STRIP];

  private NarrowBlocks() {}

  /** The packed copy of A a part needs, in doubles: {@link #PACKED_ROWS} rows of the longest panel. */
  static int packedLength() {
    return PACKED_ROWS * ProductAB.MAX_PANEL_ROWS;
  }

  /**
   * Rows {@code [i0, i1)} x columns {@code [j0, j1)} of C for the current panel of B: packs A's
   * rows a group of {@link #PACKED_ROWS} at a time, then runs the blocks over the panel's strips.
   */
  static void multiply(Operands op, Workspace.Panel panel, int i0, int i1, int j0, int j1, double[] packed) {
    for (int ic = i0; ic < i1; ic += PACKED_ROWS) {
      int icEnd = Math.min(ic + PACKED_ROWS, i1);
      pack(op, ic, icEnd, panel.firstRow, panel.rows, packed);
      for (int js = j0; js < j1; js += STRIP) {
        strip(op, panel, packed, ic, icEnd, js, Math.min(js + STRIP, j1));
      }
    }
  }

  /**
   * Copies rows {@code [i0, i1)} of A, columns {@code [p0, p0 + pl)}, into {@code packed}: groups
   * of 6 rows, then of 2, then the last row alone; a group of h rows is {@code pl x h}, row-major
   * (element (r, p) at {@code p * h + r}), and the groups follow each other.
   */
  static void pack(Operands op, int i0, int i1, int p0, int pl, double[] packed) {
    int o = 0;
    int i = i0;
    for (; i + ROWS <= i1; i += ROWS) {
      o = packGroup(op, i, ROWS, p0, pl, packed, o);
    }
    for (; i + 2 <= i1; i += 2) {
      o = packGroup(op, i, 2, p0, pl, packed, o);
    }
    if (i < i1) {
      packGroup(op, i, 1, p0, pl, packed, o);
    }
  }

  private static int packGroup(Operands op, int i, int h, int p0, int pl, double[] packed, int o) {
    double[] a = op.a;
    int ars = op.aRowStride;
    int acs = op.aColumnStride;
    int from = i * ars + p0 * acs;
    if (h == ROWS && acs == 1) {
      // A.B, the common case: six rows read side by side, the copy written in order; with the
      // loop index's scales constant the JIT hoists the bounds checks (a general loop, with a
      // check per element, cost a tenth of the course's W1.X).
      int a1 = from + ars;
      int a2 = a1 + ars;
      int a3 = a2 + ars;
      int a4 = a3 + ars;
      int a5 = a4 + ars;
      for (int p = 0; p < pl; p++) {
        int q = o + p * ROWS;
        packed[q] = a[from + p];
        packed[q + 1] = a[a1 + p];
        packed[q + 2] = a[a2 + p];
        packed[q + 3] = a[a3 + p];
        packed[q + 4] = a[a4 + p];
        packed[q + 5] = a[a5 + p];
      }
    } else {
      for (int p = 0; p < pl; p++) {
        int q = o + p * h;
        int f = from + p * acs;
        for (int r = 0; r < h; r++) {
          packed[q + r] = a[f + r * ars];
        }
      }
    }
    return o + h * pl;
  }

  /** Rows {@code [i0, i1)} (packed from offset 0) x columns {@code [js, je)}, at most one strip. */
  private static void strip(Operands op, Workspace.Panel panel, double[] packed, int i0, int i1, int js, int je) {
    int pl = panel.rows;
    int jv = js + (je - js) / Vectors.LANES * Vectors.LANES;
    boolean full = jv - js == STRIP;
    int o = 0;
    int i = i0;
    for (; i + ROWS <= i1; i += ROWS, o += ROWS * pl) {
      if (full) {
        block6x2(op, panel, packed, o, i, js);
        block6x2(op, panel, packed, o, i, js + 2 * Vectors.LANES);
      } else {
        for (int j = js; j < jv; j += Vectors.LANES) {
          block6x1(op, panel, packed, o, i, j);
        }
      }
      for (int j = jv; j < je; j++) {
        scalar6(op, panel, packed, o, i, j);
      }
    }
    for (; i + 2 <= i1; i += 2, o += 2 * pl) {
      if (full) {
        block2x4(op, panel, packed, o, i, js);
      } else {
        for (int j = js; j < jv; j += Vectors.LANES) {
          ProductAB.block1xL(packed, o, 2, op, panel, i, j);
          ProductAB.block1xL(packed, o + 1, 2, op, panel, i + 1, j);
        }
      }
      for (int j = jv; j < je; j++) {
        ProductAB.block1x1(packed, o, 2, op, panel, i, j);
        ProductAB.block1x1(packed, o + 1, 2, op, panel, i + 1, j);
      }
    }
    if (i < i1) {
      for (int j = js; j < jv; j += Vectors.LANES) {
        ProductAB.block1xL(packed, o, 1, op, panel, i, j);
      }
      for (int j = jv; j < je; j++) {
        ProductAB.block1x1(packed, o, 1, op, panel, i, j);
      }
    }
  }

  // As in ProductAB, the blocks load and store their accumulators inline (a helper taking or
  // returning a vector may be left un-inlined and box it), and choose the array their first
  // values come from (zeros in the first panel, else C), not the vectors.

  /** The hot loop: 6 rows x 2 vectors of C in 12 registers. */
  private static void block6x2(Operands op, Workspace.Panel panel, double[] pa, int ao, int i, int j) {
    double[] b = panel.values;
    int bo = panel.offset + j;
    int bs = panel.stride;
    int m = op.m;
    double[] c = op.c;
    int co = i * m + j;
    int pl = panel.rows;
    double[] bias = panel.bias;
    int l1 = Vectors.LANES;
    double[] src = panel.first ? ZEROS : c;
    int s0 = panel.first ? 0 : co;
    int rs = panel.first ? 0 : m;
    DoubleVector c00 = DoubleVector.fromArray(Vectors.SPECIES, src, s0);
    DoubleVector c01 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + l1);
    DoubleVector c10 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + rs);
    DoubleVector c11 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + rs + l1);
    DoubleVector c20 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + 2 * rs);
    DoubleVector c21 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + 2 * rs + l1);
    DoubleVector c30 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + 3 * rs);
    DoubleVector c31 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + 3 * rs + l1);
    DoubleVector c40 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + 4 * rs);
    DoubleVector c41 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + 4 * rs + l1);
    DoubleVector c50 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + 5 * rs);
    DoubleVector c51 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + 5 * rs + l1);
    for (int p = 0; p < pl; p++) {
      int bp = bo + p * bs;
      DoubleVector b0 = DoubleVector.fromArray(Vectors.SPECIES, b, bp);
      DoubleVector b1 = DoubleVector.fromArray(Vectors.SPECIES, b, bp + l1);
      int ap = ao + p * ROWS;
      DoubleVector x = DoubleVector.broadcast(Vectors.SPECIES, pa[ap]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = DoubleVector.broadcast(Vectors.SPECIES, pa[ap + 1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = DoubleVector.broadcast(Vectors.SPECIES, pa[ap + 2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = DoubleVector.broadcast(Vectors.SPECIES, pa[ap + 3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = DoubleVector.broadcast(Vectors.SPECIES, pa[ap + 4]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = DoubleVector.broadcast(Vectors.SPECIES, pa[ap + 5]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
    }
    if (bias == null) {
      c00.intoArray(c, co);
      c01.intoArray(c, co + l1);
      c10.intoArray(c, co + m);
      c11.intoArray(c, co + m + l1);
      c20.intoArray(c, co + 2 * m);
      c21.intoArray(c, co + 2 * m + l1);
      c30.intoArray(c, co + 3 * m);
      c31.intoArray(c, co + 3 * m + l1);
      c40.intoArray(c, co + 4 * m);
      c41.intoArray(c, co + 4 * m + l1);
      c50.intoArray(c, co + 5 * m);
      c51.intoArray(c, co + 5 * m + l1);
    } else {
      c00.add(bias[i]).intoArray(c, co);
      c01.add(bias[i]).intoArray(c, co + l1);
      c10.add(bias[i + 1]).intoArray(c, co + m);
      c11.add(bias[i + 1]).intoArray(c, co + m + l1);
      c20.add(bias[i + 2]).intoArray(c, co + 2 * m);
      c21.add(bias[i + 2]).intoArray(c, co + 2 * m + l1);
      c30.add(bias[i + 3]).intoArray(c, co + 3 * m);
      c31.add(bias[i + 3]).intoArray(c, co + 3 * m + l1);
      c40.add(bias[i + 4]).intoArray(c, co + 4 * m);
      c41.add(bias[i + 4]).intoArray(c, co + 4 * m + l1);
      c50.add(bias[i + 5]).intoArray(c, co + 5 * m);
      c51.add(bias[i + 5]).intoArray(c, co + 5 * m + l1);
    }
  }

  /**
   * The rows left after the 6-row blocks, two at a time: 2 rows x 4 vectors of C in 8 registers
   * (one row at a time would be a chain per vector, paced by the latency of an FMA).
   */
  private static void block2x4(Operands op, Workspace.Panel panel, double[] pa, int ao, int i, int j) {
    double[] b = panel.values;
    int bo = panel.offset + j;
    int bs = panel.stride;
    int m = op.m;
    double[] c = op.c;
    int co = i * m + j;
    int pl = panel.rows;
    double[] bias = panel.bias;
    int l1 = Vectors.LANES;
    int l2 = 2 * l1;
    int l3 = 3 * l1;
    double[] src = panel.first ? ZEROS : c;
    int s0 = panel.first ? 0 : co;
    int rs = panel.first ? 0 : m;
    DoubleVector c00 = DoubleVector.fromArray(Vectors.SPECIES, src, s0);
    DoubleVector c01 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + l1);
    DoubleVector c02 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + l2);
    DoubleVector c03 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + l3);
    DoubleVector c10 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + rs);
    DoubleVector c11 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + rs + l1);
    DoubleVector c12 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + rs + l2);
    DoubleVector c13 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + rs + l3);
    for (int p = 0; p < pl; p++) {
      int bp = bo + p * bs;
      DoubleVector b0 = DoubleVector.fromArray(Vectors.SPECIES, b, bp);
      DoubleVector b1 = DoubleVector.fromArray(Vectors.SPECIES, b, bp + l1);
      DoubleVector b2 = DoubleVector.fromArray(Vectors.SPECIES, b, bp + l2);
      DoubleVector b3 = DoubleVector.fromArray(Vectors.SPECIES, b, bp + l3);
      int ap = ao + p * 2;
      DoubleVector x = DoubleVector.broadcast(Vectors.SPECIES, pa[ap]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      c02 = x.fma(b2, c02);
      c03 = x.fma(b3, c03);
      x = DoubleVector.broadcast(Vectors.SPECIES, pa[ap + 1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      c12 = x.fma(b2, c12);
      c13 = x.fma(b3, c13);
    }
    if (bias == null) {
      c00.intoArray(c, co);
      c01.intoArray(c, co + l1);
      c02.intoArray(c, co + l2);
      c03.intoArray(c, co + l3);
      c10.intoArray(c, co + m);
      c11.intoArray(c, co + m + l1);
      c12.intoArray(c, co + m + l2);
      c13.intoArray(c, co + m + l3);
    } else {
      c00.add(bias[i]).intoArray(c, co);
      c01.add(bias[i]).intoArray(c, co + l1);
      c02.add(bias[i]).intoArray(c, co + l2);
      c03.add(bias[i]).intoArray(c, co + l3);
      c10.add(bias[i + 1]).intoArray(c, co + m);
      c11.add(bias[i + 1]).intoArray(c, co + m + l1);
      c12.add(bias[i + 1]).intoArray(c, co + m + l2);
      c13.add(bias[i + 1]).intoArray(c, co + m + l3);
    }
  }

  /** A strip narrower than {@link #STRIP}: 6 rows x 1 vector of C. */
  private static void block6x1(Operands op, Workspace.Panel panel, double[] pa, int ao, int i, int j) {
    double[] b = panel.values;
    int bo = panel.offset + j;
    int bs = panel.stride;
    int m = op.m;
    double[] c = op.c;
    int co = i * m + j;
    int pl = panel.rows;
    double[] bias = panel.bias;
    double[] src = panel.first ? ZEROS : c;
    int s0 = panel.first ? 0 : co;
    int rs = panel.first ? 0 : m;
    DoubleVector c0 = DoubleVector.fromArray(Vectors.SPECIES, src, s0);
    DoubleVector c1 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + rs);
    DoubleVector c2 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + 2 * rs);
    DoubleVector c3 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + 3 * rs);
    DoubleVector c4 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + 4 * rs);
    DoubleVector c5 = DoubleVector.fromArray(Vectors.SPECIES, src, s0 + 5 * rs);
    for (int p = 0; p < pl; p++) {
      DoubleVector bv = DoubleVector.fromArray(Vectors.SPECIES, b, bo + p * bs);
      int ap = ao + p * ROWS;
      c0 = DoubleVector.broadcast(Vectors.SPECIES, pa[ap]).fma(bv, c0);
      c1 = DoubleVector.broadcast(Vectors.SPECIES, pa[ap + 1]).fma(bv, c1);
      c2 = DoubleVector.broadcast(Vectors.SPECIES, pa[ap + 2]).fma(bv, c2);
      c3 = DoubleVector.broadcast(Vectors.SPECIES, pa[ap + 3]).fma(bv, c3);
      c4 = DoubleVector.broadcast(Vectors.SPECIES, pa[ap + 4]).fma(bv, c4);
      c5 = DoubleVector.broadcast(Vectors.SPECIES, pa[ap + 5]).fma(bv, c5);
    }
    if (bias == null) {
      c0.intoArray(c, co);
      c1.intoArray(c, co + m);
      c2.intoArray(c, co + 2 * m);
      c3.intoArray(c, co + 3 * m);
      c4.intoArray(c, co + 4 * m);
      c5.intoArray(c, co + 5 * m);
    } else {
      c0.add(bias[i]).intoArray(c, co);
      c1.add(bias[i + 1]).intoArray(c, co + m);
      c2.add(bias[i + 2]).intoArray(c, co + 2 * m);
      c3.add(bias[i + 3]).intoArray(c, co + 3 * m);
      c4.add(bias[i + 4]).intoArray(c, co + 4 * m);
      c5.add(bias[i + 5]).intoArray(c, co + 5 * m);
    }
  }

  /**
   * Column j of a 6-row block, one of C's last {@code m % 4} columns: six scalar chains, so that
   * six are in flight (one would be paced by the latency of an FMA).
   */
  private static void scalar6(Operands op, Workspace.Panel panel, double[] pa, int ao, int i, int j) {
    double[] b = panel.values;
    int bo = panel.offset + j;
    int bs = panel.stride;
    int m = op.m;
    double[] c = op.c;
    int co = i * m + j;
    int pl = panel.rows;
    double[] bias = panel.bias;
    boolean first = panel.first;
    double s0 = first ? 0.0 : c[co];
    double s1 = first ? 0.0 : c[co + m];
    double s2 = first ? 0.0 : c[co + 2 * m];
    double s3 = first ? 0.0 : c[co + 3 * m];
    double s4 = first ? 0.0 : c[co + 4 * m];
    double s5 = first ? 0.0 : c[co + 5 * m];
    for (int p = 0; p < pl; p++) {
      double bv = b[bo + p * bs];
      int ap = ao + p * ROWS;
      s0 = Math.fma(pa[ap], bv, s0);
      s1 = Math.fma(pa[ap + 1], bv, s1);
      s2 = Math.fma(pa[ap + 2], bv, s2);
      s3 = Math.fma(pa[ap + 3], bv, s3);
      s4 = Math.fma(pa[ap + 4], bv, s4);
      s5 = Math.fma(pa[ap + 5], bv, s5);
    }
    c[co] = bias == null ? s0 : s0 + bias[i];
    c[co + m] = bias == null ? s1 : s1 + bias[i + 1];
    c[co + 2 * m] = bias == null ? s2 : s2 + bias[i + 2];
    c[co + 3 * m] = bias == null ? s3 : s3 + bias[i + 3];
    c[co + 4 * m] = bias == null ? s4 : s4 + bias[i + 4];
    c[co + 5 * m] = bias == null ? s5 : s5 + bias[i + 5];
  }
}
