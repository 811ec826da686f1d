package io.jdnn.core.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked loops of {@link VectorKernel}, each computing one rectangle of the output
 * so that threads can share a product by rectangles.
 *
 * <p><b>A.B and A^T.B</b> ({@link #multiply}): a 4-row x 4-vector block of C (4 x 32 doubles with
 * 512-bit vectors) lives in 16 accumulator registers while the summation index runs: per step, 4
 * vectors of one row of B, 4 broadcast elements of A and 16 fused multiply-adds. B is read where it
 * lies (no packing: its rows are contiguous, and a copy cost more than it saved); A is addressed
 * through two strides, so A^T.B is the same loop with the strides swapped. B is cut into panels of
 * {@link #KC} rows by {@link #JC} columns, read row after row (so the hardware prefetcher streams
 * whole rows from memory), which stay in L2 while every row block of A passes over them. Every element of C is one chain of fused multiply-adds in summation order, whichever
 * variant (4 rows or 1, vector or scalar edge) computes it, so results do not depend on how the
 * output is cut up.
 *
 * <p><b>A.B^T</b> ({@link #multiplyTransposeB}): both operands are read along their rows, so each
 * element is a dot product; a 4 x 4 block keeps 16 vector accumulators, reduced once at the end,
 * then the last {@code k mod lanes} terms are added by scalar fused multiply-adds. The 1 x 1 edge
 * variant does exactly the same operations, so here too the result is independent of the cut.
 */
final class VectorProducts {
  static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  /** Doubles per vector: 8 with AVX-512. */
  static final int LANES = SPECIES.length();
  /** Rows of C per register block. */
  static final int MR = 4;
  /** Columns of C per register block: four vectors. */
  static final int NR = 4 * LANES;
  /** Summation-axis block: rows of B per panel. */
  static final int KC = 256;
  /**
   * Columns of B per panel: a KC x JC panel (512 KiB) is read from memory row after row, once, and
   * then stays in L2 while every 4-row block of A passes over each of its 32-column strips.
   */
  static final int JC = 256;
  /** Where the first summation block's accumulators load their zeros from. */
  private static final double[] ZEROS = new double[NR];
  /** Rows of A (A.B^T) kept hot while blocks of B stream past: about 256 KiB of A. */
  private static final int A_BLOCK_BYTES = 256 * 1024;

  private VectorProducts() {}

  /**
   * Rows {@code [i0, i1)} x columns {@code [j0, j1)} of {@code C = A.B (+ bias)}, where A is
   * {@code n x k} with element (i, p) at {@code a[i * ars + p * acs]}, B is {@code k x m} row-major
   * and C is {@code n x m} row-major; {@code bias} (length n, or null) is added to each row after
   * the sum, exactly as a separate pass would.
   */
  static void multiply(double[] a, int ars, int acs, double[] b, double[] c, double[] bias,
      int k, int m, int i0, int i1, int j0, int j1) {
    if (k == 0) {
      for (int i = i0; i < i1; i++) {
        double v = bias == null ? 0.0 : bias[i];
        for (int j = j0; j < j1; j++) {
          c[i * m + j] = 0.0 + v;
        }
      }
      return;
    }
    for (int jc = j0; jc < j1; jc += JC) {
      int jcEnd = Math.min(jc + JC, j1);
      for (int p0 = 0; p0 < k; p0 += KC) {
        int pl = Math.min(KC, k - p0);
        double[] lastBias = p0 + pl == k ? bias : null;
        boolean first = p0 == 0;
        for (int js = jc; js < jcEnd; js += NR) {
          int je = Math.min(js + NR, jcEnd);
          int i = i0;
          for (; i + MR <= i1; i += MR) {
            rows4(a, ars, acs, b, c, lastBias, m, i, js, je, p0, pl, first);
          }
          for (; i < i1; i++) {
            rows1(a, acs, b, c, lastBias, m, i * ars, i, js, je, p0, pl, first);
          }
        }
      }
    }
  }

  private static void rows4(double[] a, int ars, int acs, double[] b, double[] c, double[] bias, int m,
      int i, int js, int je, int p0, int pl, boolean first) {
    int ao = i * ars + p0 * acs;
    int j = js;
    if (je - j == NR) {
      block4xNR(a, ao, ars, acs, b, p0 * m + j, m, c, i * m + j, pl, first, bias, i);
      return;
    }
    for (; j + LANES <= je; j += LANES) {
      block4xL(a, ao, ars, acs, b, p0 * m + j, m, c, i * m + j, pl, first, bias, i);
    }
    for (; j < je; j++) {
      block4x1(a, ao, ars, acs, b, p0 * m + j, m, c, i * m + j, pl, first, bias, i);
    }
  }

  private static void rows1(double[] a, int acs, double[] b, double[] c, double[] bias, int m,
      int rowOffset, int i, int js, int je, int p0, int pl, boolean first) {
    int ao = rowOffset + p0 * acs;
    int j = js;
    for (; j + LANES <= je; j += LANES) {
      block1xL(a, ao, acs, b, p0 * m + j, m, c, i * m + j, pl, first, bias, i);
    }
    for (; j < je; j++) {
      block1x1(a, ao, acs, b, p0 * m + j, m, c, i * m + j, pl, first, bias, i);
    }
  }

  // The blocks below load and store their accumulators inline rather than through helpers taking
  // or returning a DoubleVector: C2 (JDK 17) may leave such a helper, called once per block and so
  // "cold", un-inlined, and then boxes the vector on the heap at every call. Accumulators always
  // load from C, or from an array of zeros in the first summation block, for the same reason: a
  // vector chosen between two sources merges at a phi, where it is boxed too, so the array and
  // offset are chosen instead.

  /** The hot loop: 4 x 4 vectors of C in 16 registers. */
  private static void block4xNR(double[] a, int ao, int ars, int acs, double[] b, int bo, int m,
      double[] c, int co, int pl, boolean first, double[] bias, int i) {
    int c1 = co + m;
    int c2 = c1 + m;
    int c3 = c2 + m;
    int l2 = 2 * LANES;
    int l3 = 3 * LANES;
    // The first summation block starts from zeros without reading C (which may hold stale values):
    // the source array and offsets are chosen, not the vectors (see above).
    double[] src = first ? ZEROS : c;
    int s0 = first ? 0 : co;
    int rs = first ? 0 : m;
    DoubleVector c00 = DoubleVector.fromArray(SPECIES, src, s0);
    DoubleVector c01 = DoubleVector.fromArray(SPECIES, src, s0 + LANES);
    DoubleVector c02 = DoubleVector.fromArray(SPECIES, src, s0 + l2);
    DoubleVector c03 = DoubleVector.fromArray(SPECIES, src, s0 + l3);
    DoubleVector c10 = DoubleVector.fromArray(SPECIES, src, s0 + rs);
    DoubleVector c11 = DoubleVector.fromArray(SPECIES, src, s0 + rs + LANES);
    DoubleVector c12 = DoubleVector.fromArray(SPECIES, src, s0 + rs + l2);
    DoubleVector c13 = DoubleVector.fromArray(SPECIES, src, s0 + rs + l3);
    DoubleVector c20 = DoubleVector.fromArray(SPECIES, src, s0 + 2 * rs);
    DoubleVector c21 = DoubleVector.fromArray(SPECIES, src, s0 + 2 * rs + LANES);
    DoubleVector c22 = DoubleVector.fromArray(SPECIES, src, s0 + 2 * rs + l2);
    DoubleVector c23 = DoubleVector.fromArray(SPECIES, src, s0 + 2 * rs + l3);
    DoubleVector c30 = DoubleVector.fromArray(SPECIES, src, s0 + 3 * rs);
    DoubleVector c31 = DoubleVector.fromArray(SPECIES, src, s0 + 3 * rs + LANES);
    DoubleVector c32 = DoubleVector.fromArray(SPECIES, src, s0 + 3 * rs + l2);
    DoubleVector c33 = DoubleVector.fromArray(SPECIES, src, s0 + 3 * rs + l3);
    int r1 = ars;
    int r2 = 2 * ars;
    int r3 = 3 * ars;
    for (int p = 0; p < pl; p++) {
      int bp = bo + p * m;
      DoubleVector b0 = DoubleVector.fromArray(SPECIES, b, bp);
      DoubleVector b1 = DoubleVector.fromArray(SPECIES, b, bp + LANES);
      DoubleVector b2 = DoubleVector.fromArray(SPECIES, b, bp + l2);
      DoubleVector b3 = DoubleVector.fromArray(SPECIES, b, bp + l3);
      int ap = ao + p * acs;
      DoubleVector x = DoubleVector.broadcast(SPECIES, a[ap]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      c02 = x.fma(b2, c02);
      c03 = x.fma(b3, c03);
      x = DoubleVector.broadcast(SPECIES, a[ap + r1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      c12 = x.fma(b2, c12);
      c13 = x.fma(b3, c13);
      x = DoubleVector.broadcast(SPECIES, a[ap + r2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      c22 = x.fma(b2, c22);
      c23 = x.fma(b3, c23);
      x = DoubleVector.broadcast(SPECIES, a[ap + r3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      c32 = x.fma(b2, c32);
      c33 = x.fma(b3, c33);
    }
    if (bias == null) {
      c00.intoArray(c, co);
      c01.intoArray(c, co + LANES);
      c02.intoArray(c, co + l2);
      c03.intoArray(c, co + l3);
      c10.intoArray(c, c1);
      c11.intoArray(c, c1 + LANES);
      c12.intoArray(c, c1 + l2);
      c13.intoArray(c, c1 + l3);
      c20.intoArray(c, c2);
      c21.intoArray(c, c2 + LANES);
      c22.intoArray(c, c2 + l2);
      c23.intoArray(c, c2 + l3);
      c30.intoArray(c, c3);
      c31.intoArray(c, c3 + LANES);
      c32.intoArray(c, c3 + l2);
      c33.intoArray(c, c3 + l3);
    } else {
      c00.add(bias[i]).intoArray(c, co);
      c01.add(bias[i]).intoArray(c, co + LANES);
      c02.add(bias[i]).intoArray(c, co + l2);
      c03.add(bias[i]).intoArray(c, co + l3);
      c10.add(bias[i + 1]).intoArray(c, c1);
      c11.add(bias[i + 1]).intoArray(c, c1 + LANES);
      c12.add(bias[i + 1]).intoArray(c, c1 + l2);
      c13.add(bias[i + 1]).intoArray(c, c1 + l3);
      c20.add(bias[i + 2]).intoArray(c, c2);
      c21.add(bias[i + 2]).intoArray(c, c2 + LANES);
      c22.add(bias[i + 2]).intoArray(c, c2 + l2);
      c23.add(bias[i + 2]).intoArray(c, c2 + l3);
      c30.add(bias[i + 3]).intoArray(c, c3);
      c31.add(bias[i + 3]).intoArray(c, c3 + LANES);
      c32.add(bias[i + 3]).intoArray(c, c3 + l2);
      c33.add(bias[i + 3]).intoArray(c, c3 + l3);
    }
  }

  private static void block4xL(double[] a, int ao, int ars, int acs, double[] b, int bo, int m,
      double[] c, int co, int pl, boolean first, double[] bias, int i) {
    double[] src = first ? ZEROS : c;
    int s0 = first ? 0 : co;
    int rs = first ? 0 : m;
    DoubleVector c0 = DoubleVector.fromArray(SPECIES, src, s0);
    DoubleVector c1 = DoubleVector.fromArray(SPECIES, src, s0 + rs);
    DoubleVector c2 = DoubleVector.fromArray(SPECIES, src, s0 + 2 * rs);
    DoubleVector c3 = DoubleVector.fromArray(SPECIES, src, s0 + 3 * rs);
    for (int p = 0; p < pl; p++) {
      DoubleVector bv = DoubleVector.fromArray(SPECIES, b, bo + p * m);
      int ap = ao + p * acs;
      c0 = DoubleVector.broadcast(SPECIES, a[ap]).fma(bv, c0);
      c1 = DoubleVector.broadcast(SPECIES, a[ap + ars]).fma(bv, c1);
      c2 = DoubleVector.broadcast(SPECIES, a[ap + 2 * ars]).fma(bv, c2);
      c3 = DoubleVector.broadcast(SPECIES, a[ap + 3 * ars]).fma(bv, c3);
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

  private static void block4x1(double[] a, int ao, int ars, int acs, double[] b, int bo, int m,
      double[] c, int co, int pl, boolean first, double[] bias, int i) {
    double s0 = first ? 0.0 : c[co];
    double s1 = first ? 0.0 : c[co + m];
    double s2 = first ? 0.0 : c[co + 2 * m];
    double s3 = first ? 0.0 : c[co + 3 * m];
    for (int p = 0; p < pl; p++) {
      double bv = b[bo + p * m];
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

  private static void block1xL(double[] a, int ao, int acs, double[] b, int bo, int m,
      double[] c, int co, int pl, boolean first, double[] bias, int i) {
    DoubleVector s = DoubleVector.fromArray(SPECIES, first ? ZEROS : c, first ? 0 : co);
    for (int p = 0; p < pl; p++) {
      s = DoubleVector.broadcast(SPECIES, a[ao + p * acs]).fma(DoubleVector.fromArray(SPECIES, b, bo + p * m), s);
    }
    if (bias == null) {
      s.intoArray(c, co);
    } else {
      s.add(bias[i]).intoArray(c, co);
    }
  }

  private static void block1x1(double[] a, int ao, int acs, double[] b, int bo, int m,
      double[] c, int co, int pl, boolean first, double[] bias, int i) {
    double s = first ? 0.0 : c[co];
    for (int p = 0; p < pl; p++) {
      s = Math.fma(a[ao + p * acs], b[bo + p * m], s);
    }
    c[co] = bias == null ? s : s + bias[i];
  }

  /**
   * Rows {@code [i0, i1)} x columns {@code [j0, j1)} of {@code C = A.B^T}, where A is
   * {@code n x k}, B is {@code m x k} and C is {@code n x m}, all row-major.
   */
  static void multiplyTransposeB(double[] a, double[] b, double[] c, int k, int m, int i0, int i1, int j0, int j1) {
    int kv = k - k % LANES;
    // Rows of A that stay in cache while 4-row blocks of B stream past them once.
    int group = Math.max(MR, (A_BLOCK_BYTES / 8 / Math.max(1, k)) / MR * MR);
    for (int g0 = i0; g0 < i1; g0 += group) {
      int g1 = Math.min(i1, g0 + group);
      int j = j0;
      for (; j + MR <= j1; j += MR) {
        int i = g0;
        for (; i + MR <= g1; i += MR) {
          dot4x4(a, b, c, k, kv, m, i, j);
        }
        for (; i < g1; i++) {
          for (int q = j; q < j + MR; q++) {
            c[i * m + q] = dot(a, i * k, b, q * k, k, kv);
          }
        }
      }
      for (; j < j1; j++) {
        for (int i = g0; i < g1; i++) {
          c[i * m + j] = dot(a, i * k, b, j * k, k, kv);
        }
      }
    }
  }

  private static double dot(double[] a, int ao, double[] b, int bo, int k, int kv) {
    DoubleVector s = DoubleVector.zero(SPECIES);
    for (int p = 0; p < kv; p += LANES) {
      s = DoubleVector.fromArray(SPECIES, a, ao + p).fma(DoubleVector.fromArray(SPECIES, b, bo + p), s);
    }
    double t = s.reduceLanes(VectorOperators.ADD);
    for (int p = kv; p < k; p++) {
      t = Math.fma(a[ao + p], b[bo + p], t);
    }
    return t;
  }

  /** 16 dot products: rows i..i+3 of A against rows j..j+3 of B. */
  private static void dot4x4(double[] a, double[] b, double[] c, int k, int kv, int m, int i, int j) {
    int a0 = i * k;
    int a1 = a0 + k;
    int a2 = a1 + k;
    int a3 = a2 + k;
    int b0 = j * k;
    int b1 = b0 + k;
    int b2 = b1 + k;
    int b3 = b2 + k;
    DoubleVector s00 = DoubleVector.zero(SPECIES);
    DoubleVector s01 = s00;
    DoubleVector s02 = s00;
    DoubleVector s03 = s00;
    DoubleVector s10 = s00;
    DoubleVector s11 = s00;
    DoubleVector s12 = s00;
    DoubleVector s13 = s00;
    DoubleVector s20 = s00;
    DoubleVector s21 = s00;
    DoubleVector s22 = s00;
    DoubleVector s23 = s00;
    DoubleVector s30 = s00;
    DoubleVector s31 = s00;
    DoubleVector s32 = s00;
    DoubleVector s33 = s00;
    for (int p = 0; p < kv; p += LANES) {
      DoubleVector x0 = DoubleVector.fromArray(SPECIES, a, a0 + p);
      DoubleVector x1 = DoubleVector.fromArray(SPECIES, a, a1 + p);
      DoubleVector x2 = DoubleVector.fromArray(SPECIES, a, a2 + p);
      DoubleVector x3 = DoubleVector.fromArray(SPECIES, a, a3 + p);
      DoubleVector y = DoubleVector.fromArray(SPECIES, b, b0 + p);
      s00 = x0.fma(y, s00);
      s10 = x1.fma(y, s10);
      s20 = x2.fma(y, s20);
      s30 = x3.fma(y, s30);
      y = DoubleVector.fromArray(SPECIES, b, b1 + p);
      s01 = x0.fma(y, s01);
      s11 = x1.fma(y, s11);
      s21 = x2.fma(y, s21);
      s31 = x3.fma(y, s31);
      y = DoubleVector.fromArray(SPECIES, b, b2 + p);
      s02 = x0.fma(y, s02);
      s12 = x1.fma(y, s12);
      s22 = x2.fma(y, s22);
      s32 = x3.fma(y, s32);
      y = DoubleVector.fromArray(SPECIES, b, b3 + p);
      s03 = x0.fma(y, s03);
      s13 = x1.fma(y, s13);
      s23 = x2.fma(y, s23);
      s33 = x3.fma(y, s33);
    }
    // The same finish as dot(): reduce the lanes, then add the last terms one by one (written
    // out here, since a helper taking a vector may be left un-inlined and box it).
    double t00 = s00.reduceLanes(VectorOperators.ADD);
    double t01 = s01.reduceLanes(VectorOperators.ADD);
    double t02 = s02.reduceLanes(VectorOperators.ADD);
    double t03 = s03.reduceLanes(VectorOperators.ADD);
    double t10 = s10.reduceLanes(VectorOperators.ADD);
    double t11 = s11.reduceLanes(VectorOperators.ADD);
    double t12 = s12.reduceLanes(VectorOperators.ADD);
    double t13 = s13.reduceLanes(VectorOperators.ADD);
    double t20 = s20.reduceLanes(VectorOperators.ADD);
    double t21 = s21.reduceLanes(VectorOperators.ADD);
    double t22 = s22.reduceLanes(VectorOperators.ADD);
    double t23 = s23.reduceLanes(VectorOperators.ADD);
    double t30 = s30.reduceLanes(VectorOperators.ADD);
    double t31 = s31.reduceLanes(VectorOperators.ADD);
    double t32 = s32.reduceLanes(VectorOperators.ADD);
    double t33 = s33.reduceLanes(VectorOperators.ADD);
    for (int p = kv; p < k; p++) {
      double x0 = a[a0 + p];
      double x1 = a[a1 + p];
      double x2 = a[a2 + p];
      double x3 = a[a3 + p];
      double y0 = b[b0 + p];
      double y1 = b[b1 + p];
      double y2 = b[b2 + p];
      double y3 = b[b3 + p];
      t00 = Math.fma(x0, y0, t00);
      t01 = Math.fma(x0, y1, t01);
      t02 = Math.fma(x0, y2, t02);
      t03 = Math.fma(x0, y3, t03);
      t10 = Math.fma(x1, y0, t10);
      t11 = Math.fma(x1, y1, t11);
      t12 = Math.fma(x1, y2, t12);
      t13 = Math.fma(x1, y3, t13);
      t20 = Math.fma(x2, y0, t20);
      t21 = Math.fma(x2, y1, t21);
      t22 = Math.fma(x2, y2, t22);
      t23 = Math.fma(x2, y3, t23);
      t30 = Math.fma(x3, y0, t30);
      t31 = Math.fma(x3, y1, t31);
      t32 = Math.fma(x3, y2, t32);
      t33 = Math.fma(x3, y3, t33);
    }
    int c0 = i * m + j;
    int c1 = c0 + m;
    int c2 = c1 + m;
    int c3 = c2 + m;
    c[c0] = t00;
    c[c0 + 1] = t01;
    c[c0 + 2] = t02;
    c[c0 + 3] = t03;
    c[c1] = t10;
    c[c1 + 1] = t11;
    c[c1 + 2] = t12;
    c[c1 + 3] = t13;
    c[c2] = t20;
    c[c2 + 1] = t21;
    c[c2 + 2] = t22;
    c[c2 + 3] = t23;
    c[c3] = t30;
    c[c3 + 1] = t31;
    c[c3 + 2] = t32;
    c[c3 + 3] = t33;
  }
}
