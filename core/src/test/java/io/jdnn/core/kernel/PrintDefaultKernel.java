package io.jdnn.core.kernel;

import io.jdnn.core.math.Matrix;

/** Child-JVM entry point for {@link KernelsTest}: prints the default kernel's name after using it. */
public final class PrintDefaultKernel {
  private PrintDefaultKernel() {}

  public static void main(String[] args) {
    Kernel k = Kernels.get();
    Matrix c = Matrix.zeros(1, 1);
    k.matmul(Matrix.ofRows(new double[] {2}), Matrix.ofRows(new double[] {3}), c);
    if (c.get(0, 0) != 6.0) {
      throw new AssertionError("2 . 3 gave " + c.get(0, 0));
    }
    System.out.println("kernel=" + k.name());
  }
}
