package io.jdnn.losses;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.training.loss.Loss;

/**
 * Mean squared error: {@code J = (1/m) sum_j sum_i (a_ij - y_ij)^2} (the squared error of each
 * example summed over its k outputs, averaged over the m examples), with gradient
 * {@code dJ/da = 2 (a - y) / m}. Predictions and targets are both {@code k x m}.
 *
 * <pre>{@code
 * new Trainer(Sequential.of(new Dense(3, 1)), new MeanSquaredError(), new SGD(0.1)); // linear regression
 * }</pre>
 */
public final class MeanSquaredError implements Loss {

  @Override
  public double cost(Matrix a, Matrix y) {
    a.requireSameShape(y, "targets");
    double[] ad = a.data();
    double[] yd = y.data();
    double sum = 0;
    for (int i = 0; i < ad.length; i++) {
      double d = ad[i] - yd[i];
      sum += d * d;
    }
    return sum / a.cols();
  }

  @Override
  public void gradient(Matrix a, Matrix y, Matrix out) {
    a.requireSameShape(y, "targets");
    a.requireSameShape(out, "gradient output");
    double[] ad = a.data();
    double[] yd = y.data();
    double[] od = out.data();
    double m = a.cols();
    for (int i = 0; i < ad.length; i++) {
      od[i] = 2 * (ad[i] - yd[i]) / m;
    }
  }

  @Override
  public String toString() {
    return "MeanSquaredError()";
  }
}
