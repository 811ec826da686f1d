package io.jdnn.core.kernel;

import jdk.incubator.vector.DoubleVector;
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
 * {@link #panelRows} rows (32 to {@link #KC}) by the rectangle's width (up to {@link #JC}
 * columns); {@link #touch} first streams a panel into cache, where it stays while every row block
 * of A passes over it. Every element of C is one chain of fused
 * multiply-adds in summation order, whichever variant (4 rows or 1, vector or scalar edge)
 * computes it, so results do not depend on how the output is cut up.
 *
 * <p><b>A.B^T</b> ({@link #multiplyTransposeB}): A is first packed as A^T in panels of 24 rows
 * (a copy of A, which is the small operand here: dZ1 is 20 x 209 against X's 12288 x 209), and
 * vectors run along A's rows while 8 rows of B are broadcast element by element. So each element
 * of C is again one chain of fused multiply-adds in summation order: no lanes to reduce at the end
 * (an ordered reduction, which cost a third of the time of the dot-product form this replaced) and
 * no scalar tail when k is not a multiple of the vector width.
 *
 * <p><b>B as bytes.</b> Both products can take B as {@link Bytes}: each panel (A.B) or group of
 * rows (A.B^T) is then decoded into a scratch array in place of the load-only pass, and the same
 * blocks run on it, with B's row stride that of the scratch array.
 */
final class VectorProducts {
  static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  /** Doubles per vector: 8 with AVX-512. */
  static final int LANES = SPECIES.length();
  /** Rows of C per register block. */
  static final int MR = 4;
  /** Columns of C per register block: four vectors. */
  static final int NR = 4 * LANES;
  /** Summation-axis block: rows of B per panel, at most. */
  static final int KC = 128;
  /** Rows of B per panel, at least (each panel loads and stores the block of C once more). */
  static final int KC_MIN = 32;
  /** Columns of B per panel, at most. */
  static final int JC = 1024;
  /**
   * Doubles per panel (256 KiB, a quarter of L2): a panel is as wide as the rectangle of C being
   * computed (up to {@link #JC}) and has as many rows as fit ({@link #panelRows}). It is brought
   * into cache (by {@link #touch}, or decoded) and stays there while every 4-row block of A passes
   * over each of its 32-column strips. Full width matters: each panel of columns passes over all
   * of A again, and {@code W1.X} at m = 2,090 on one thread went from 16-18 GFLOP/s with panels of
   * 256 columns to 23-25 with one of 1,024 (and 32 rows), and its training iteration from 90-100
   * ms to 75-80.
   */
  static final int PANEL_DOUBLES = 32768;
  /** Where the first summation block's accumulators load their zeros from. */
  private static final double[] ZEROS = new double[NR];
  /**
   * Where {@link #touch} leaves the sum of what it read, so the JIT cannot drop the reads. A racy
   * plain field: its value is never used.
   */
  @SuppressWarnings("unused")
  private static long touched;

  private VectorProducts() {}

  /**
   * Rows {@code [i0, i1)} x columns {@code [j0, j1)} of {@code C = A.B (+ bias)}, where A is
   * {@code n x k} with element (i, p) at {@code a[i * ars + p * acs]}, B is {@code k x m} row-major
   * and C is {@code n x m} row-major; {@code bias} (length n, or null) is added to each row after
   * the sum, exactly as a separate pass would.
   *
   * <p>B is read from {@code b}, or, when {@code bytes} is not null, decoded from them (see
   * {@link ByteDecoder}) a panel at a time into {@code panel} ({@link #panelLength} doubles),
   * which then stays in cache while every row block of A passes over it: the same values, so the
   * same bits in C, from an eighth of the memory traffic.
   */
  static void multiply(double[] a, int ars, int acs, double[] b, double[] c, double[] bias,
      int k, int m, int i0, int i1, int j0, int j1, Bytes bytes, double[] panel) {
    if (k == 0) {
      for (int i = i0; i < i1; i++) {
        double v = bias == null ? 0.0 : bias[i];
        for (int j = j0; j < j1; j++) {
          c[i * m + j] = 0.0 + v;
        }
      }
      return;
    }
    int jcw = Math.min(j1 - j0, JC);
    int kcw = panelRows(jcw);
    boolean touchBytes = bytes != null && bytes.fromMemory();
    for (int jc = j0; jc < j1; jc += jcw) {
      int jcEnd = Math.min(jc + jcw, j1);
      for (int p0 = 0; p0 < k; p0 += kcw) {
        int pl = Math.min(kcw, k - p0);
        double[] lastBias = p0 + pl == k ? bias : null;
        boolean first = p0 == 0;
        double[] src;
        int bs;
        int bo;
        if (bytes == null) {
          touched += touch(b, m, p0, p0 + pl, jc, jcEnd);
          src = b;
          bs = m;
          bo = p0 * m;
        } else {
          bs = panelStride(jcEnd - jc);
          if (touchBytes) {
            touched += bytes.touch(m, p0, p0 + pl, jc, jcEnd);
          }
          for (int p = 0; p < pl; p++) {
            bytes.decode((p0 + p) * m + jc, panel, p * bs, jcEnd - jc);
          }
          src = panel;
          bo = -jc;
        }
        for (int js = jc; js < jcEnd; js += NR) {
          int je = Math.min(js + NR, jcEnd);
          int jv = js + (je - js) / LANES * LANES;
          int i = i0;
          for (; i + MR <= i1; i += MR) {
            rows4(a, ars, acs, src, bo + js, bs, c, lastBias, m, i, js, jv, p0, pl, first);
          }
          for (; i < i1; i++) {
            rows1(a, acs, src, bo + js, bs, c, lastBias, m, i * ars, i, js, jv, p0, pl, first);
          }
          for (int j = jv; j < je; j++) {
            column(a, ars, acs, src, bo + j, bs, c, lastBias, m, i0, i1, j, p0, pl, first);
          }
        }
      }
    }
  }

  /**
   * Rows of B per panel for panels {@code width} columns wide: as many as keep the panel within
   * {@link #PANEL_DOUBLES}, from {@link #KC_MIN} to {@link #KC}.
   */
  static int panelRows(int width) {
    return Math.max(KC_MIN, Math.min(KC, PANEL_DOUBLES / Math.max(1, width)));
  }

  /**
   * The row stride of a decoded A.B panel {@code width} columns wide: whole vectors, and an odd
   * number of 64-byte lines. With an even number of lines, a power of two above all (256 columns),
   * the same column of successive rows falls into a few sets of the L1 cache, which then holds a
   * fraction of the strip the block is reading.
   */
  static int panelStride(int width) {
    int lines = (width + LANES - 1) / LANES;
    return (lines | 1) * LANES;
  }

  /**
   * Where the products take B from when it is {@link io.jdnn.core.math.UnsignedBytes}: a holder that a
   * kernel owns and points at each byte-backed B in turn, so a product allocates nothing.
   */
  static final class Bytes {
    /**
     * Bytes of B from which a product first streams each panel's lines into cache ({@link #touch})
     * before decoding them: beyond what this machine's share of L3 held between products. With
     * {@code W1.X} at m = 2,090 (25.7 MB of pixels) that ran at 46.0 GFLOP/s against 38.1 (2
     * threads, medians of 4 alternating rounds); at m = 209 (2.6 MB, which stays in cache) it ran at
     * 48.6 against 51.6, so it is not done there.
     */
    static final int TOUCH_MIN_BYTES = 8 << 20;
    private byte[] values;
    private double divisor = Double.NaN;
    private boolean byReciprocal;

    /** Points this holder at {@code source}; false (and a product reads doubles) where decoding is not supported. */
    boolean set(io.jdnn.core.math.UnsignedBytes source) {
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
     * bytes (m columns) and returns them or-ed together: as {@link VectorProducts#touch}, a loop
     * with nothing to do but load keeps many more lines in flight than the decoding loop, whose
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

    void decode(int from, double[] dst, int at, int n) {
      ByteDecoder.decode(values, from, dst, at, n, divisor, byReciprocal);
    }
  }

  /**
   * Reads one double per 64-byte line of rows {@code [p0, p1)} x columns {@code [j0, j1)} of B
   * (m columns), and returns their bits or-ed together. The micro-kernel alone reads a panel strip
   * by strip, 256 bytes of each row at a time, with fused multiply-adds in between, and on the
   * course's W1.X (X is 20 MB, read once per product) it waited on memory for half its time. This
   * loop has nothing to do but load, so many lines are in flight at once and the panel arrives in
   * cache at the memory's streaming rate before the arithmetic starts.
   */
  static long touch(double[] b, int m, int p0, int p1, int j0, int j1) {
    long bits = 0;
    for (int p = p0; p < p1; p++) {
      int row = p * m;
      for (int q = row + j0; q < row + j1; q += 8) {
        bits |= Double.doubleToRawLongBits(b[q]);
      }
    }
    return bits;
  }

  /** Rows i..i+3 of C over columns [js, je); B's element (p0 + p, js) is at {@code b[bo + p * bs]}. */
  private static void rows4(double[] a, int ars, int acs, double[] b, int bo, int bs, double[] c, double[] bias,
      int m, int i, int js, int je, int p0, int pl, boolean first) {
    int ao = i * ars + p0 * acs;
    int j = js;
    if (je - j == NR) {
      block4xNR(a, ao, ars, acs, b, bo, bs, m, c, i * m + j, pl, first, bias, i);
      return;
    }
    for (; j + LANES <= je; j += LANES) {
      block4xL(a, ao, ars, acs, b, bo + j - js, bs, m, c, i * m + j, pl, first, bias, i);
    }
  }

  /** Row i of C over columns [js, je), B as for {@link #rows4}. */
  private static void rows1(double[] a, int acs, double[] b, int bo, int bs, double[] c, double[] bias, int m,
      int rowOffset, int i, int js, int je, int p0, int pl, boolean first) {
    int ao = rowOffset + p0 * acs;
    int j = js;
    for (; j + LANES <= je; j += LANES) {
      block1xL(a, ao, acs, b, bo + j - js, bs, m, c, i * m + j, pl, first, bias, i);
    }
  }

  /**
   * Rows {@code [i0, i1)} of C's column j, one of the fewer than {@link #LANES} columns left over
   * after the vectors (C's last {@code m % 8}); B's element (p0 + p, j) is at {@code b[bo + p * bs]}.
   * Each element is a chain of scalar fused multiply-adds, whose latency (4 cycles) and not the
   * FMA unit sets the pace, so eight rows at a time keep eight chains in flight. Four at a time,
   * as the 4-row blocks would, made the 209th column of W1.X cost as much as eight vector columns;
   * W1.X on 2 threads went from 42.5 to 43.2 GFLOP/s reading bytes and from 31.5 to 37.8 reading
   * doubles (medians of 4 alternating rounds; the first is inside the noise).
   */
  private static void column(double[] a, int ars, int acs, double[] b, int bo, int bs, double[] c, double[] bias,
      int m, int i0, int i1, int j, int p0, int pl, boolean first) {
    int i = i0;
    for (; i + 2 * MR <= i1; i += 2 * MR) {
      block8x1(a, i * ars + p0 * acs, ars, acs, b, bo, bs, m, c, i * m + j, pl, first, bias, i);
    }
    for (; i + MR <= i1; i += MR) {
      block4x1(a, i * ars + p0 * acs, ars, acs, b, bo, bs, m, c, i * m + j, pl, first, bias, i);
    }
    for (; i < i1; i++) {
      block1x1(a, i * ars + p0 * acs, acs, b, bo, bs, m, c, i * m + j, pl, first, bias, i);
    }
  }

  // The blocks below load and store their accumulators inline rather than through helpers taking
  // or returning a DoubleVector: C2 (JDK 17) may leave such a helper, called once per block and so
  // "cold", un-inlined, and then boxes the vector on the heap at every call. Accumulators always
  // load from C, or from an array of zeros in the first summation block, for the same reason: a
  // vector chosen between two sources merges at a phi, where it is boxed too, so the array and
  // offset are chosen instead.

  /** The hot loop: 4 x 4 vectors of C in 16 registers. */
  private static void block4xNR(double[] a, int ao, int ars, int acs, double[] b, int bo, int bs, int m,
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
      int bp = bo + p * bs;
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

  private static void block4xL(double[] a, int ao, int ars, int acs, double[] b, int bo, int bs, int m,
      double[] c, int co, int pl, boolean first, double[] bias, int i) {
    double[] src = first ? ZEROS : c;
    int s0 = first ? 0 : co;
    int rs = first ? 0 : m;
    DoubleVector c0 = DoubleVector.fromArray(SPECIES, src, s0);
    DoubleVector c1 = DoubleVector.fromArray(SPECIES, src, s0 + rs);
    DoubleVector c2 = DoubleVector.fromArray(SPECIES, src, s0 + 2 * rs);
    DoubleVector c3 = DoubleVector.fromArray(SPECIES, src, s0 + 3 * rs);
    for (int p = 0; p < pl; p++) {
      DoubleVector bv = DoubleVector.fromArray(SPECIES, b, bo + p * bs);
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

  private static void block8x1(double[] a, int ao, int ars, int acs, double[] b, int bo, int bs, int m,
      double[] c, int co, int pl, boolean first, double[] bias, int i) {
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

  private static void block4x1(double[] a, int ao, int ars, int acs, double[] b, int bo, int bs, int m,
      double[] c, int co, int pl, boolean first, double[] bias, int i) {
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

  private static void block1xL(double[] a, int ao, int acs, double[] b, int bo, int bs, int m,
      double[] c, int co, int pl, boolean first, double[] bias, int i) {
    DoubleVector s = DoubleVector.fromArray(SPECIES, first ? ZEROS : c, first ? 0 : co);
    for (int p = 0; p < pl; p++) {
      s = DoubleVector.broadcast(SPECIES, a[ao + p * acs]).fma(DoubleVector.fromArray(SPECIES, b, bo + p * bs), s);
    }
    if (bias == null) {
      s.intoArray(c, co);
    } else {
      s.add(bias[i]).intoArray(c, co);
    }
  }

  private static void block1x1(double[] a, int ao, int acs, double[] b, int bo, int bs, int m,
      double[] c, int co, int pl, boolean first, double[] bias, int i) {
    double s = first ? 0.0 : c[co];
    for (int p = 0; p < pl; p++) {
      s = Math.fma(a[ao + p * acs], b[bo + p * bs], s);
    }
    c[co] = bias == null ? s : s + bias[i];
  }

  /** Rows of C (A.B^T) per register block: three vectors of them. */
  static final int TB_ROWS = 3 * LANES;
  /** Columns of C (A.B^T) per register block. */
  static final int TB_COLS = 8;
  /** How much of B {@link #touch} brings into cache at a time in A.B^T (a quarter of L2). */
  static final int TOUCH_BYTES = 256 * 1024;
  /** Size of the scratch array a caller of {@link #multiplyTransposeB} passes in. */
  static final int TB_SCRATCH = TB_ROWS * TB_COLS;

  /**
   * Copies A ({@code n x k}, row-major) into {@code packed} as the panels {@link #multiplyTransposeB}
   * reads: for each block of {@link #TB_ROWS} rows starting at row {@code i0}, at offset
   * {@code i0 * k}, a {@code k x w} row-major panel of A^T, where {@code w} is the block's row count
   * rounded up to whole vectors (the extra lanes are zeros). {@code packed} needs
   * {@link #packedLength} elements.
   */
  static void packTransposed(double[] a, int n, int k, double[] packed) {
    for (int i0 = 0; i0 < n; i0 += TB_ROWS) {
      int rows = Math.min(TB_ROWS, n - i0);
      int w = panelWidth(rows);
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

  /** The length {@link #packTransposed} needs for an {@code n x k} A. */
  static int packedLength(int n, int k) {
    int full = n / TB_ROWS * TB_ROWS;
    return full * k + panelWidth(n - full) * k;
  }

  private static int panelWidth(int rows) {
    return (rows + LANES - 1) / LANES * LANES;
  }

  /**
   * Rows {@code [i0, i1)} x columns {@code [j0, j1)} of {@code C = A.B^T}, where A is
   * {@code n x k} (given as {@link #packTransposed} packed it), B is {@code m x k} and C is
   * {@code n x m}, both row-major; {@code i0} is a multiple of {@link #TB_ROWS}.
   *
   * <p>Vectors run along the rows of A (the columns of the packed panel) and are multiplied by
   * broadcast elements of B's rows, so each element of C is a plain chain of fused multiply-adds in
   * summation order: no lanes to reduce at the end, and no scalar tail when k is not a multiple of
   * the vector width. A 24 x 8 block of C lives in 24 registers; it leaves them through
   * {@code scratch} ({@link #TB_SCRATCH} doubles), where it is transposed into C's rows.
   */
  static void multiplyTransposeB(double[] packed, double[] b, double[] c, int n, int k, int m,
      int i0, int i1, int j0, int j1, double[] scratch, Bytes bytes, double[] panel) {
    // B's rows are brought from memory a group at a time (see touch); they are contiguous, so a
    // group is one run of memory, and it stays in cache while every block of A's rows passes.
    // (Fetching the next block a line per step inside block3x8 instead was slower: 23 against 29
    // GFLOP/s on dZ1.X^T, one thread.) Byte-backed, a group is decoded into the panel instead.
    int group = transposeBGroup(k);
    for (int g0 = j0; g0 < j1; g0 += group) {
      int g1 = Math.min(j1, g0 + group);
      double[] src = b;
      int shift = 0;
      if (bytes == null) {
        touched += touch(b, k, g0, g1, 0, k);
      } else {
        bytes.decode(g0 * k, panel, 0, (g1 - g0) * k);
        src = panel;
        shift = -g0 * k;
      }
      for (int ib = i0; ib < i1; ib += TB_ROWS) {
        int rows = Math.min(TB_ROWS, n - ib);
        int stored = Math.min(rows, i1 - ib);
        int w = panelWidth(rows);
        int base = ib * k;
        int j = g0;
        for (; j + TB_COLS <= g1; j += TB_COLS) {
          if (w == 3 * LANES) {
            block3x8(packed, base, src, j * k + shift, k, scratch);
          } else if (w == 2 * LANES) {
            block2x8(packed, base, src, j * k + shift, k, scratch);
          } else {
            block1x8(packed, base, src, j * k + shift, k, scratch);
          }
          transposeInto(scratch, w, stored, TB_COLS, c, ib, j, m);
        }
        for (; j < g1; j++) {
          for (int v = 0; v < w; v += LANES) {
            DoubleVector s = DoubleVector.zero(SPECIES);
            int bo = j * k + shift;
            for (int p = 0; p < k; p++) {
              s = DoubleVector.fromArray(SPECIES, packed, base + p * w + v).fma(DoubleVector.broadcast(SPECIES, src[bo + p]), s);
            }
            s.intoArray(scratch, v);
          }
          transposeInto(scratch, w, stored, 1, c, ib, j, m);
        }
      }
    }
  }

  /** Rows of B that {@link #multiplyTransposeB} brings into cache (or decodes) at a time. */
  static int transposeBGroup(int k) {
    return Math.max(TB_COLS, TOUCH_BYTES / 8 / Math.max(1, k) / TB_COLS * TB_COLS);
  }

  /** The panel a byte-backed product needs, in doubles: {@code transposeB} for A.B^T, else A.B. */
  static int panelLength(boolean transposeB, int k) {
    return transposeB ? transposeBGroup(k) * k : PANEL_DOUBLES + 2 * LANES * KC;
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
    DoubleVector z = DoubleVector.zero(SPECIES);
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
    int w = 3 * LANES;
    for (int p = 0; p < k; p++) {
      int o = base + p * w;
      DoubleVector a0 = DoubleVector.fromArray(SPECIES, ap, o);
      DoubleVector a1 = DoubleVector.fromArray(SPECIES, ap, o + LANES);
      DoubleVector a2 = DoubleVector.fromArray(SPECIES, ap, o + 2 * LANES);
      DoubleVector x = DoubleVector.broadcast(SPECIES, b[bo + p]);
      c00 = a0.fma(x, c00);
      c01 = a1.fma(x, c01);
      c02 = a2.fma(x, c02);
      x = DoubleVector.broadcast(SPECIES, b[b1 + p]);
      c10 = a0.fma(x, c10);
      c11 = a1.fma(x, c11);
      c12 = a2.fma(x, c12);
      x = DoubleVector.broadcast(SPECIES, b[b2 + p]);
      c20 = a0.fma(x, c20);
      c21 = a1.fma(x, c21);
      c22 = a2.fma(x, c22);
      x = DoubleVector.broadcast(SPECIES, b[b3 + p]);
      c30 = a0.fma(x, c30);
      c31 = a1.fma(x, c31);
      c32 = a2.fma(x, c32);
      x = DoubleVector.broadcast(SPECIES, b[b4 + p]);
      c40 = a0.fma(x, c40);
      c41 = a1.fma(x, c41);
      c42 = a2.fma(x, c42);
      x = DoubleVector.broadcast(SPECIES, b[b5 + p]);
      c50 = a0.fma(x, c50);
      c51 = a1.fma(x, c51);
      c52 = a2.fma(x, c52);
      x = DoubleVector.broadcast(SPECIES, b[b6 + p]);
      c60 = a0.fma(x, c60);
      c61 = a1.fma(x, c61);
      c62 = a2.fma(x, c62);
      x = DoubleVector.broadcast(SPECIES, b[b7 + p]);
      c70 = a0.fma(x, c70);
      c71 = a1.fma(x, c71);
      c72 = a2.fma(x, c72);
    }
    c00.intoArray(s, 0);
    c01.intoArray(s, LANES);
    c02.intoArray(s, 2 * LANES);
    c10.intoArray(s, w);
    c11.intoArray(s, w + LANES);
    c12.intoArray(s, w + 2 * LANES);
    c20.intoArray(s, 2 * w);
    c21.intoArray(s, 2 * w + LANES);
    c22.intoArray(s, 2 * w + 2 * LANES);
    c30.intoArray(s, 3 * w);
    c31.intoArray(s, 3 * w + LANES);
    c32.intoArray(s, 3 * w + 2 * LANES);
    c40.intoArray(s, 4 * w);
    c41.intoArray(s, 4 * w + LANES);
    c42.intoArray(s, 4 * w + 2 * LANES);
    c50.intoArray(s, 5 * w);
    c51.intoArray(s, 5 * w + LANES);
    c52.intoArray(s, 5 * w + 2 * LANES);
    c60.intoArray(s, 6 * w);
    c61.intoArray(s, 6 * w + LANES);
    c62.intoArray(s, 6 * w + 2 * LANES);
    c70.intoArray(s, 7 * w);
    c71.intoArray(s, 7 * w + LANES);
    c72.intoArray(s, 7 * w + 2 * LANES);
  }

  /** 2 vectors of rows x 8 columns (a last block of 9 to 16 rows). */
  private static void block2x8(double[] ap, int base, double[] b, int bo, int k, double[] s) {
    DoubleVector z = DoubleVector.zero(SPECIES);
    DoubleVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
    DoubleVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
    int w = 2 * LANES;
    for (int p = 0; p < k; p++) {
      int o = base + p * w;
      DoubleVector a0 = DoubleVector.fromArray(SPECIES, ap, o);
      DoubleVector a1 = DoubleVector.fromArray(SPECIES, ap, o + LANES);
      int bp = bo + p;
      DoubleVector x = DoubleVector.broadcast(SPECIES, b[bp]);
      c00 = a0.fma(x, c00);
      c01 = a1.fma(x, c01);
      x = DoubleVector.broadcast(SPECIES, b[bp + k]);
      c10 = a0.fma(x, c10);
      c11 = a1.fma(x, c11);
      x = DoubleVector.broadcast(SPECIES, b[bp + 2 * k]);
      c20 = a0.fma(x, c20);
      c21 = a1.fma(x, c21);
      x = DoubleVector.broadcast(SPECIES, b[bp + 3 * k]);
      c30 = a0.fma(x, c30);
      c31 = a1.fma(x, c31);
      x = DoubleVector.broadcast(SPECIES, b[bp + 4 * k]);
      c40 = a0.fma(x, c40);
      c41 = a1.fma(x, c41);
      x = DoubleVector.broadcast(SPECIES, b[bp + 5 * k]);
      c50 = a0.fma(x, c50);
      c51 = a1.fma(x, c51);
      x = DoubleVector.broadcast(SPECIES, b[bp + 6 * k]);
      c60 = a0.fma(x, c60);
      c61 = a1.fma(x, c61);
      x = DoubleVector.broadcast(SPECIES, b[bp + 7 * k]);
      c70 = a0.fma(x, c70);
      c71 = a1.fma(x, c71);
    }
    c00.intoArray(s, 0);
    c01.intoArray(s, LANES);
    c10.intoArray(s, w);
    c11.intoArray(s, w + LANES);
    c20.intoArray(s, 2 * w);
    c21.intoArray(s, 2 * w + LANES);
    c30.intoArray(s, 3 * w);
    c31.intoArray(s, 3 * w + LANES);
    c40.intoArray(s, 4 * w);
    c41.intoArray(s, 4 * w + LANES);
    c50.intoArray(s, 5 * w);
    c51.intoArray(s, 5 * w + LANES);
    c60.intoArray(s, 6 * w);
    c61.intoArray(s, 6 * w + LANES);
    c70.intoArray(s, 7 * w);
    c71.intoArray(s, 7 * w + LANES);
  }

  /** 1 vector of rows x 8 columns (a last block of up to 8 rows). */
  private static void block1x8(double[] ap, int base, double[] b, int bo, int k, double[] s) {
    DoubleVector c0 = DoubleVector.zero(SPECIES);
    DoubleVector c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
    for (int p = 0; p < k; p++) {
      DoubleVector a0 = DoubleVector.fromArray(SPECIES, ap, base + p * LANES);
      int bp = bo + p;
      c0 = a0.fma(DoubleVector.broadcast(SPECIES, b[bp]), c0);
      c1 = a0.fma(DoubleVector.broadcast(SPECIES, b[bp + k]), c1);
      c2 = a0.fma(DoubleVector.broadcast(SPECIES, b[bp + 2 * k]), c2);
      c3 = a0.fma(DoubleVector.broadcast(SPECIES, b[bp + 3 * k]), c3);
      c4 = a0.fma(DoubleVector.broadcast(SPECIES, b[bp + 4 * k]), c4);
      c5 = a0.fma(DoubleVector.broadcast(SPECIES, b[bp + 5 * k]), c5);
      c6 = a0.fma(DoubleVector.broadcast(SPECIES, b[bp + 6 * k]), c6);
      c7 = a0.fma(DoubleVector.broadcast(SPECIES, b[bp + 7 * k]), c7);
    }
    c0.intoArray(s, 0);
    c1.intoArray(s, LANES);
    c2.intoArray(s, 2 * LANES);
    c3.intoArray(s, 3 * LANES);
    c4.intoArray(s, 4 * LANES);
    c5.intoArray(s, 5 * LANES);
    c6.intoArray(s, 6 * LANES);
    c7.intoArray(s, 7 * LANES);
  }
}
