package io.jdnn.core.kernel;

import io.jdnn.core.math.Matrix;

/**
 * Plain-Java element-wise passes shared by kernels whose speed lies in their products. Each loop
 * runs over the backing arrays once, in order, allocating nothing.
 */
final class ElementwiseLoops {
  private ElementwiseLoops() {}

  static void addBias(Matrix z, Matrix bias) {
    Kernel.requireBias("addBias", z, bias);
    double[] zd = z.data();
    double[] bd = bias.data();
    int m = z.cols();
    for (int i = 0; i < z.rows(); i++) {
      double b = bd[i];
      int o = i * m;
      for (int j = 0; j < m; j++) {
        zd[o + j] += b;
      }
    }
  }

  static void rowSums(Matrix a, Matrix out) {
    if (out.rows() != a.rows() || out.cols() != 1) {
      throw new IllegalArgumentException("rowSums: output is " + out.shape() + ", expected " + a.rows() + "x1");
    }
    double[] ad = a.data();
    double[] od = out.data();
    int m = a.cols();
    for (int i = 0; i < a.rows(); i++) {
      double s = 0;
      int o = i * m;
      for (int j = 0; j < m; j++) {
        s += ad[o + j];
      }
      od[i] = s;
    }
  }

  static void activate(ElementFunction f, Matrix z, Matrix a) {
    z.requireSameShape(a, "activation output");
    double[] zd = z.data();
    double[] ad = a.data();
    for (int i = 0; i < zd.length; i++) {
      ad[i] = f.apply(zd[i]);
    }
  }

  static void activationBackward(ElementFunction f, Matrix z, Matrix a, Matrix da, Matrix dz) {
    z.requireSameShape(a, "cached activation output");
    z.requireSameShape(da, "gradient of the activation output");
    z.requireSameShape(dz, "gradient of the activation input");
    double[] zd = z.data();
    double[] ad = a.data();
    double[] dad = da.data();
    double[] dzd = dz.data();
    for (int i = 0; i < zd.length; i++) {
      dzd[i] = dad[i] * f.derivative(zd[i], ad[i]);
    }
  }

  static void axpy(double alpha, Matrix x, Matrix y) {
    y.requireSameShape(x, "axpy input");
    double[] xd = x.data();
    double[] yd = y.data();
    for (int i = 0; i < yd.length; i++) {
      yd[i] += alpha * xd[i];
    }
  }
}
