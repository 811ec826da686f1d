package io.jdnn.core.kernel;

import io.jdnn.core.math.Matrix;

/**
 * Textbook loops on one thread: {@code c[i][j] = sum_k a[i][k] b[k][j]} in i-k-j order (A.B) and as
 * dot products (A.B^T). The slowest kernel and the easiest to read; tests use it as an independent
 * oracle and benchmarks as the floor.
 *
 * <pre>{@code
 * Kernels.set(new NaiveKernel());
 * }</pre>
 */
public final class NaiveKernel implements Kernel {

  @Override
  public String name() {
    return "naive";
  }

  @Override
  public int threads() {
    return 1;
  }

  @Override
  public void matmul(Matrix a, Matrix b, Matrix c) {
    Kernel.requireInner("matmul", a.cols(), b.rows(), a, b);
    Kernel.requireShapes("matmul", c, a.rows(), b.cols(), a, b);
    int n = a.rows();
    int k = a.cols();
    int m = b.cols();
    double[] ad = a.data();
    double[] bd = b.data();
    double[] cd = c.data();
    java.util.Arrays.fill(cd, 0.0);
    double[] row = new double[m];
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(row, 0.0);
      for (int p = 0; p < k; p++) {
        double x = ad[i * k + p];
        int bo = p * m;
        for (int j = 0; j < m; j++) {
          row[j] += x * bd[bo + j];
        }
      }
      System.arraycopy(row, 0, cd, i * m, m);
    }
  }

  @Override
  public void matmulTransposeB(Matrix a, Matrix b, Matrix c) {
    Kernel.requireInner("matmulTransposeB", a.cols(), b.cols(), a, b);
    Kernel.requireShapes("matmulTransposeB", c, a.rows(), b.rows(), a, b);
    int k = a.cols();
    double[] ad = a.data();
    double[] bd = b.data();
    double[] cd = c.data();
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < b.rows(); j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s += ad[i * k + p] * bd[j * k + p];
        }
        cd[i * c.cols() + j] = s;
      }
    }
  }

  @Override
  public void matmulTransposeA(Matrix a, Matrix b, Matrix c) {
    Kernel.requireInner("matmulTransposeA", a.rows(), b.rows(), a, b);
    Kernel.requireShapes("matmulTransposeA", c, a.cols(), b.cols(), a, b);
    int n = a.cols();
    int m = b.cols();
    double[] ad = a.data();
    double[] bd = b.data();
    double[] cd = c.data();
    java.util.Arrays.fill(cd, 0.0);
    for (int p = 0; p < a.rows(); p++) {
      for (int i = 0; i < n; i++) {
        double x = ad[p * n + i];
        for (int j = 0; j < m; j++) {
          cd[i * m + j] += x * bd[p * m + j];
        }
      }
    }
  }

  @Override
  public String toString() {
    return "NaiveKernel";
  }
}
