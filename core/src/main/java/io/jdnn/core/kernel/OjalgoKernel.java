package io.jdnn.core.kernel;

import io.jdnn.core.math.Matrix;
import java.util.HashMap;
import java.util.Map;
import org.ojalgo.matrix.operation.MultiplyNeither;
import org.ojalgo.matrix.store.R064Store;

/**
 * Products by ojalgo's {@link R064Store#fillByMultiplying}, element-wise passes in plain Java: the
 * portable kernel, available on any JVM, and the reference the faster kernels are tested against.
 *
 * <p>jdnn matrices are row-major and ojalgo stores column-major, so a jdnn {@code r x c} array read
 * by ojalgo is the {@code c x r} transpose. {@code C = A.B} is therefore computed as
 * {@code C^T = B^T . A^T} on the arrays as they are, with no copy. The two transposed products
 * need one operand in the other layout; rather than ojalgo's lazy {@code transpose()} view (read
 * element by element) or a fresh copy of the big operand per call, the kernel transposes the
 * cheaper side into a scratch array it keeps:
 * <ul>
 *   <li>{@code A.B^T} ({@code n x k} by {@code (m x k)^T}): either B ({@code m k} values), or A and
 *       the result ({@code n k + n m}); for {@code dZ1 . X^T} that is 0.25 M values instead of 2.6 M;
 *   <li>{@code A^T.B} ({@code (k x n)^T} by {@code k x m}): either A ({@code k n}), or B and the
 *       result ({@code k m + n m}).
 * </ul>
 * Both are ojalgo's fastest form: both operands {@code R064Store}s over plain arrays, so it runs its
 * array kernel rather than its element-access one. ojalgo splits work over output columns (on
 * {@link MultiplyNeither#PARALLELISM} threads, when both result dimensions exceed its threshold of
 * 32), so results do not depend on its thread count. Scratch arrays are kept per size, so calls in
 * a training loop reuse them; calls are serialised.
 *
 * <pre>{@code
 * Kernels.set(new OjalgoKernel());
 * }</pre>
 */
public final class OjalgoKernel implements Kernel {
  private final Map<Long, double[]> scratch = new HashMap<>();

  @Override
  public String name() {
    return "ojalgo";
  }

  @Override
  public int threads() {
    return MultiplyNeither.PARALLELISM.getAsInt();
  }

  /** The column-major view of a row-major matrix: its transpose, sharing the array. */
  private static R064Store transposed(Matrix m) {
    return R064Store.wrap(m.data(), m.cols());
  }

  /** A kept array of exactly {@code length} values (ojalgo's wrap takes the whole array). */
  private double[] scratch(int slot, int length) {
    // Two slots, so the operand copy and the result copy of one call never share an array.
    return scratch.computeIfAbsent(length * 2L + slot, key -> new double[length]);
  }

  /** {@code dst} (cols x rows, row-major) = the transpose of {@code src} (rows x cols, row-major). */
  static void transpose(double[] src, int rows, int cols, double[] dst) {
    final int tile = 32; // a 32 x 32 tile of each array fits in L1
    for (int i0 = 0; i0 < rows; i0 += tile) {
      int i1 = Math.min(rows, i0 + tile);
      for (int j0 = 0; j0 < cols; j0 += tile) {
        int j1 = Math.min(cols, j0 + tile);
        for (int i = i0; i < i1; i++) {
          for (int j = j0; j < j1; j++) {
            dst[j * rows + i] = src[i * cols + j];
          }
        }
      }
    }
  }

  @Override
  public void matmul(Matrix a, Matrix b, Matrix c) {
    Kernel.requireInner("matmul", a.cols(), b.rows(), a, b);
    Kernel.requireShapes("matmul", c, a.rows(), b.cols(), a, b);
    if (c.size() == 0) {
      return;
    }
    if (a.cols() == 0 || a.rows() == 0 || b.cols() == 0 || b.rows() == 0) {
      c.fill(0.0); // an empty sum; ojalgo cannot wrap an empty operand
      return;
    }
    transposed(c).fillByMultiplying(transposed(b), transposed(a));
  }

  @Override
  public synchronized void matmulTransposeB(Matrix a, Matrix b, Matrix c) {
    Kernel.requireInner("matmulTransposeB", a.cols(), b.cols(), a, b);
    Kernel.requireShapes("matmulTransposeB", c, a.rows(), b.rows(), a, b);
    int n = a.rows();
    int k = a.cols();
    int m = b.rows();
    if (c.size() == 0) {
      return;
    }
    if (a.cols() == 0 || a.rows() == 0 || b.cols() == 0 || b.rows() == 0) {
      c.fill(0.0); // an empty sum; ojalgo cannot wrap an empty operand
      return;
    }
    if ((long) m * k <= (long) n * k + (long) n * m) {
      // C^T (m x n) = B . A^T, with B column-major = b's array transposed.
      double[] bt = scratch(0, m * k);
      transpose(b.data(), m, k, bt);
      transposed(c).fillByMultiplying(R064Store.wrap(bt, m), transposed(a));
    } else {
      // C (n x m, column-major) = A . B^T, with A column-major = a's array transposed; then C
      // back into row-major.
      double[] at = scratch(0, n * k);
      transpose(a.data(), n, k, at);
      double[] cc = scratch(1, n * m);
      R064Store.wrap(cc, n).fillByMultiplying(R064Store.wrap(at, n), transposed(b));
      transpose(cc, m, n, c.data());
    }
  }

  @Override
  public synchronized void matmulTransposeA(Matrix a, Matrix b, Matrix c) {
    Kernel.requireInner("matmulTransposeA", a.rows(), b.rows(), a, b);
    Kernel.requireShapes("matmulTransposeA", c, a.cols(), b.cols(), a, b);
    int k = a.rows();
    int n = a.cols();
    int m = b.cols();
    if (c.size() == 0) {
      return;
    }
    if (a.cols() == 0 || a.rows() == 0 || b.cols() == 0 || b.rows() == 0) {
      c.fill(0.0); // an empty sum; ojalgo cannot wrap an empty operand
      return;
    }
    if ((long) k * n <= (long) k * m + (long) n * m) {
      // C^T (m x n) = B^T . A, with A column-major = a's array transposed.
      double[] at = scratch(0, k * n);
      transpose(a.data(), k, n, at);
      transposed(c).fillByMultiplying(transposed(b), R064Store.wrap(at, k));
    } else {
      // C (n x m, column-major) = A^T . B, with B column-major = b's array transposed.
      double[] bt = scratch(0, k * m);
      transpose(b.data(), k, m, bt);
      double[] cc = scratch(1, n * m);
      R064Store.wrap(cc, n).fillByMultiplying(transposed(a), R064Store.wrap(bt, k));
      transpose(cc, m, n, c.data());
    }
  }

  @Override
  public String toString() {
    return "OjalgoKernel";
  }
}
