package io.jdnn.core.kernel;

import io.jdnn.core.math.Matrix;
import java.util.SplittableRandom;

/** Random matrices and the error bound products are checked against. */
final class KernelFixtures {
  private KernelFixtures() {}

  /**
   * Product shapes {@code n, k, m}: 1x1, sizes around the register block (4 rows, 8 and 32
   * columns), summation axes longer than one panel of B (at most 128 rows: k = 257 and 513), a C
   * wider than one panel (1,024 columns, so panels of 32 rows), and the course's shapes.
   */
  static final int[][] SHAPES = {
      {1, 1, 1}, {1, 7, 1}, {3, 5, 7}, {4, 1, 32}, {4, 3, 33}, {5, 9, 31}, {8, 16, 64},
      {7, 300, 41}, {13, 257, 9}, {33, 65, 97}, {2, 513, 70}, {24, 9, 16}, {48, 31, 23}, {17, 3, 8},
      {6, 70, 1100}, {20, 12288, 209}, {7, 20, 209}, {5, 7, 209}, {1, 5, 209},
  };

  /**
   * Where the kernels the tests build share products between threads (1 million multiply-adds,
   * below {@link VectorKernel#SHARE_FROM_MULTIPLY_ADDS}), so that small shapes are split too.
   */
  static final long SMALL_SHARE_FROM = 1L << 20;

  /** Uniform values in [-1, 1), from a seed. */
  static Matrix random(int rows, int cols, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Matrix m = Matrix.zeros(rows, cols);
    double[] d = m.data();
    for (int i = 0; i < d.length; i++) {
      d[i] = rng.nextDouble(-1.0, 1.0);
    }
    return m;
  }

  /** A byte-backed matrix (see {@link Matrix#ofUnsignedBytes}) of uniform bytes over {@code divisor}. */
  static Matrix randomBytes(int rows, int cols, long seed, double divisor) {
    SplittableRandom rng = new SplittableRandom(seed);
    byte[] values = new byte[rows * cols];
    for (int i = 0; i < values.length; i++) {
      values[i] = (byte) rng.nextInt(256);
    }
    return Matrix.ofUnsignedBytes(rows, cols, values, divisor);
  }

  /** Element-wise absolute values, for the error bound. */
  static Matrix abs(Matrix m) {
    Matrix r = m.copy();
    double[] d = r.data();
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.abs(d[i]);
    }
    return r;
  }

  /**
   * Asserts {@code |actual - expected| <= (k + 2) * 2^-52 * magnitude} element by element: the
   * classic bound on the rounding error of a k-term sum of products in any order, with
   * {@code magnitude} the same product over absolute values.
   */
  static void assertClose(String what, Matrix expected, Matrix actual, Matrix magnitude, int k) {
    if (!expected.sameShape(actual)) {
      throw new AssertionError(what + ": shape " + actual.shape() + ", expected " + expected.shape());
    }
    double eps = Math.ulp(1.0);
    for (int i = 0; i < expected.size(); i++) {
      double e = expected.data()[i];
      double a = actual.data()[i];
      double bound = (k + 2) * eps * magnitude.data()[i] + Double.MIN_NORMAL;
      if (!(Math.abs(a - e) <= bound)) {
        throw new AssertionError(what + ": element " + (i / expected.cols()) + "," + (i % expected.cols())
            + " is " + a + ", expected " + e + " within " + bound);
      }
    }
  }
}
