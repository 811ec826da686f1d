package io.jdnn.core.kernel;

import io.jdnn.core.math.Matrix;

/** Child-JVM entry point for {@link KernelsTest}: uses the default kernel three times. */
public final class UseKernelThrice {
  private UseKernelThrice() {}

  public static void main(String[] args) {
    for (int i = 0; i < 3; i++) {
      Matrix c = Matrix.zeros(1, 1);
      Kernels.get().matmul(Matrix.ofRows(new double[] {2}), Matrix.ofRows(new double[] {3}), c);
      if (c.get(0, 0) != 6.0) {
        throw new AssertionError("2 . 3 gave " + c.get(0, 0));
      }
    }
    System.out.println("kernel=" + Kernels.get().name());
  }
}
