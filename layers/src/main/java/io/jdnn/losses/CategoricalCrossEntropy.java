package io.jdnn.losses;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.Layer;
import io.jdnn.core.training.dataset.Checks;
import io.jdnn.core.training.loss.FusedLoss;
import io.jdnn.layers.Softmax;

/**
 * Categorical cross-entropy for k classes: {@code J = -(1/m) sum_j sum_i y_ij log(a_ij)}, with
 * gradient {@code dJ/da_ij = -(1/m) y_ij / a_ij}. Predictions {@code a} are {@code k x m} columns
 * of class probabilities, labels {@code y} one-hot columns of the same shape.
 *
 * <p><b>Fused with a Softmax.</b> After a {@link Softmax} the trainer works on the logits:
 * {@code J = -(1/m) sum_j sum_i y_ij (z_ij - max_k z_kj - log sum_k exp(z_kj - max_k z_kj))} and
 * {@code dJ/dz = (softmax(z) - y) / m}, finite however confident the network gets. Without a
 * Softmax before it, probabilities are clamped to at least {@code Double.MIN_VALUE} in the cost
 * and {@code Double.MIN_NORMAL} in the gradient, so both stay finite.
 *
 * <pre>{@code
 * new Trainer(Sequential.of(new Dense(2, 3), new Softmax()), new CategoricalCrossEntropy(), new Adam(0.01));
 * }</pre>
 */
public final class CategoricalCrossEntropy implements FusedLoss {

  @Override
  public double cost(Matrix a, Matrix y) {
    a.requireSameShape(y, "labels");
    double[] ad = a.data();
    double[] yd = y.data();
    double sum = 0;
    for (int i = 0; i < ad.length; i++) {
      if (yd[i] != 0) {
        sum += yd[i] * Math.log(Math.max(ad[i], Double.MIN_VALUE));
      }
    }
    return -sum / a.cols();
  }

  @Override
  public void gradient(Matrix a, Matrix y, Matrix out) {
    a.requireSameShape(y, "labels");
    a.requireSameShape(out, "gradient output");
    double[] ad = a.data();
    double[] yd = y.data();
    double[] od = out.data();
    double m = a.cols();
    for (int i = 0; i < ad.length; i++) {
      od[i] = -yd[i] / Math.max(ad[i], Double.MIN_NORMAL) / m;
    }
  }

  @Override
  public boolean fuses(Layer outputLayer) {
    return outputLayer instanceof Softmax;
  }

  @Override
  public double costFromLogits(Matrix z, Matrix y) {
    z.requireSameShape(y, "labels");
    double[] zd = z.data();
    double[] yd = y.data();
    int k = z.rows();
    int m = z.cols();
    double sum = 0;
    for (int j = 0; j < m; j++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < k; i++) {
        max = Math.max(max, zd[i * m + j]);
      }
      double s = 0;
      for (int i = 0; i < k; i++) {
        s += Math.exp(zd[i * m + j] - max);
      }
      double logSum = Math.log(s);
      for (int i = 0; i < k; i++) {
        double yi = yd[i * m + j];
        if (yi != 0) {
          sum += yi * (zd[i * m + j] - max - logSum);
        }
      }
    }
    return -sum / m;
  }

  /**
   * Labels must be one-hot columns: with any other values (a class index such as 2, or two 1s) the
   * cost is still a number, but not the cross-entropy of anything, and training chases it.
   */
  @Override
  public void checkLabels(Matrix labels, String what) {
    Checks.oneHotColumns(labels, what);
  }

  @Override
  public String toString() {
    return "CategoricalCrossEntropy()";
  }
}
