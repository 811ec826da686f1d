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
 * <p><b>Class weights</b> ({@link #withClassWeights}, one per class, i.e. per row;
 * {@link ClassWeights#balanced} computes the usual ones): {@code J = -(1/m) sum_j sum_i w_i y_ij
 * log(a_ij)}, {@code dJ/da_ij = -(1/m) w_i y_ij / a_ij}; fused, each column's term is weighted the
 * same way and {@code dJ/dz_ij = (W_j softmax(z)_ij - w_i y_ij) / m} with
 * {@code W_j = sum_i w_i y_ij}, which for one-hot labels is {@code w_c (softmax(z) - y) / m} for
 * the example's class c. Still divided by m, not by the sum of the weights.
 *
 * <pre>{@code
 * new Trainer(Sequential.of(new Dense(2, 3), new Softmax()), new CategoricalCrossEntropy(), new Adam(0.01));
 * Loss weighted = new CategoricalCrossEntropy().withClassWeights(ClassWeights.balanced(y));
 * }</pre>
 */
public final class CategoricalCrossEntropy implements FusedLoss {
  // null for the unweighted loss, whose loops stay as they were.
  private final double[] weights;

  /** The unweighted loss. */
  public CategoricalCrossEntropy() {
    this.weights = null;
  }

  private CategoricalCrossEntropy(double[] weights) {
    this.weights = weights;
  }

  /**
   * This loss with the terms of class i (row i of the labels) weighted by {@code weights[i]}.
   *
   * @throws IllegalArgumentException when a weight is not positive and finite
   */
  public CategoricalCrossEntropy withClassWeights(double... weights) {
    ClassWeights.check(weights, "CategoricalCrossEntropy");
    return new CategoricalCrossEntropy(weights.clone());
  }

  /** The class weights, one per row, or null when unweighted. */
  public double[] classWeights() {
    return weights == null ? null : weights.clone();
  }

  /** Checks that there is one weight per row of {@code a} (always true unweighted). */
  private void checkRows(Matrix a) {
    if (weights != null && weights.length != a.rows()) {
      throw new IllegalArgumentException(this + " has " + weights.length + " class weights but the predictions have "
          + a.rows() + " classes (rows), " + a.shape());
    }
  }

  @Override
  public double cost(Matrix a, Matrix y) {
    a.requireSameShape(y, "labels");
    checkRows(a);
    double[] ad = a.data();
    double[] yd = y.data();
    double sum = 0;
    int m = a.cols();
    for (int i = 0; i < ad.length; i++) {
      if (yd[i] != 0) {
        double term = yd[i] * Math.log(Math.max(ad[i], Double.MIN_VALUE));
        sum += weights == null ? term : weights[i / m] * term;
      }
    }
    return -sum / m;
  }

  @Override
  public void gradient(Matrix a, Matrix y, Matrix out) {
    a.requireSameShape(y, "labels");
    a.requireSameShape(out, "gradient output");
    checkRows(a);
    double[] ad = a.data();
    double[] yd = y.data();
    double[] od = out.data();
    double m = a.cols();
    for (int i = 0; i < ad.length; i++) {
      double w = weights == null ? 1.0 : weights[i / a.cols()];
      od[i] = -w * yd[i] / Math.max(ad[i], Double.MIN_NORMAL) / m;
    }
  }

  @Override
  public boolean fuses(Layer outputLayer) {
    return outputLayer instanceof Softmax;
  }

  @Override
  public double costFromLogits(Matrix z, Matrix y) {
    z.requireSameShape(y, "labels");
    checkRows(z);
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
          double term = yi * (zd[i * m + j] - max - logSum);
          sum += weights == null ? term : weights[i] * term;
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
    return "CategoricalCrossEntropy(" + (weights == null ? "" : "classWeights=" + java.util.Arrays.toString(weights))
        + ")";
  }

  /** {@code (W_j softmax(z)_ij - w_i y_ij) / m}; unweighted, the default {@code (a - y) / m}. */
  @Override
  public void logitGradient(Matrix logits, Matrix activations, Matrix labels, Matrix out) {
    if (weights == null) {
      FusedLoss.super.logitGradient(logits, activations, labels, out);
      return;
    }
    FusedLoss.requireGradientShapes(logits, activations, labels, out);
    checkRows(logits);
    double[] ad = activations.data();
    double[] yd = labels.data();
    double[] od = out.data();
    int k = logits.rows();
    int m = logits.cols();
    for (int j = 0; j < m; j++) {
      double columnWeight = 0;
      for (int i = 0; i < k; i++) {
        columnWeight += weights[i] * yd[i * m + j];
      }
      for (int i = 0; i < k; i++) {
        od[i * m + j] = (columnWeight * ad[i * m + j] - weights[i] * yd[i * m + j]) / m;
      }
    }
  }
}
