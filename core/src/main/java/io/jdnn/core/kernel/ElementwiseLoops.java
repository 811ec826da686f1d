package io.jdnn.core.kernel;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;

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

  static void softmaxColumns(Matrix z, Matrix a) {
    z.requireSameShape(a, "softmax output");
    double[] zd = z.data();
    double[] ad = a.data();
    int k = z.rows();
    int m = z.cols();
    // A reduction down each column: the loops walk the row-major array with stride m.
    for (int j = 0; j < m; j++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < k; i++) {
        max = Math.max(max, zd[i * m + j]);
      }
      double sum = 0;
      for (int i = 0; i < k; i++) {
        double e = Math.exp(zd[i * m + j] - max);
        ad[i * m + j] = e;
        sum += e;
      }
      for (int i = 0; i < k; i++) {
        ad[i * m + j] /= sum;
      }
    }
  }

  static void softmaxBackward(Matrix a, Matrix da, Matrix dz) {
    a.requireSameShape(da, "gradient of the softmax output");
    a.requireSameShape(dz, "gradient of the softmax input");
    double[] ad = a.data();
    double[] dad = da.data();
    double[] dzd = dz.data();
    int k = a.rows();
    int m = a.cols();
    for (int j = 0; j < m; j++) {
      double dot = 0;
      for (int i = 0; i < k; i++) {
        dot += ad[i * m + j] * dad[i * m + j];
      }
      for (int i = 0; i < k; i++) {
        dzd[i * m + j] = ad[i * m + j] * (dad[i * m + j] - dot);
      }
    }
  }

  static void dropoutMask(NumpyRandom rng, double keep, Matrix mask) {
    if (!(keep > 0 && keep <= 1)) {
      throw new IllegalArgumentException("dropoutMask: keep probability must be in (0, 1], got " + keep);
    }
    double[] d = mask.data();
    double scale = 1.0 / keep;
    for (int i = 0; i < d.length; i++) {
      d[i] = rng.nextDouble() < keep ? scale : 0.0;
    }
  }

  static void multiply(Matrix x, Matrix y, Matrix out) {
    x.requireSameShape(y, "multiply: second factor");
    x.requireSameShape(out, "multiply: output");
    double[] xd = x.data();
    double[] yd = y.data();
    double[] od = out.data();
    for (int i = 0; i < od.length; i++) {
      od[i] = xd[i] * yd[i];
    }
  }

  static void momentumStep(double beta, double learningRate, Matrix velocity, Matrix gradient, Matrix value) {
    value.requireSameShape(velocity, "momentumStep: velocity");
    value.requireSameShape(gradient, "momentumStep: gradient");
    double[] vd = velocity.data();
    double[] g = gradient.data();
    double[] w = value.data();
    for (int k = 0; k < w.length; k++) {
      vd[k] = beta * vd[k] + (1 - beta) * g[k];
      w[k] -= learningRate * vd[k];
    }
  }

  static void adamStep(AdamRule rule, double learningRate, long step, Matrix first, Matrix second,
      Matrix gradient, Matrix value) {
    requireAdamShapes(first, second, gradient, value);
    adamRange(rule, learningRate, step, first.data(), second.data(), gradient.data(), value.data(), 0,
        value.size());
  }

  static void requireAdamShapes(Matrix first, Matrix second, Matrix gradient, Matrix value) {
    value.requireSameShape(first, "adamStep: first moment");
    value.requireSameShape(second, "adamStep: second moment");
    value.requireSameShape(gradient, "adamStep: gradient");
  }

  /** Elements {@code [from, to)} of an Adam step, in plain Java: the reference every kernel matches bit for bit. */
  static void adamRange(AdamRule rule, double lr, long step, double[] m, double[] v, double[] g, double[] w,
      int from, int to) {
    double beta1 = rule.beta1();
    double beta2 = rule.beta2();
    double epsilon = rule.epsilon();
    double correction1 = rule.correction1(step);
    double correction2 = rule.correction2(step);
    for (int k = from; k < to; k++) {
      m[k] = beta1 * m[k] + (1 - beta1) * g[k];
      v[k] = beta2 * v[k] + (1 - beta2) * (g[k] * g[k]);
      double mHat = m[k] / correction1;
      double vHat = v[k] / correction2;
      w[k] -= lr * mHat / (Math.sqrt(vHat) + epsilon);
    }
  }
}
