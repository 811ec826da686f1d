package io.jdnn.losses;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.Layer;
import io.jdnn.core.training.dataset.Checks;
import io.jdnn.core.training.loss.FusedLoss;
import io.jdnn.layers.Sigmoid;

/**
 * Binary cross-entropy: {@code J = -(1/m) sum_j [y_j log(a_j) + (1 - y_j) log(1 - a_j)]}, with
 * gradient {@code dJ/da_j = -(1/m) (y_j / a_j - (1 - y_j) / (1 - a_j))}.
 *
 * <p>Predictions {@code a} are probabilities, {@code 1 x m} (or {@code k x m} for k independent
 * outputs), labels {@code y} the same shape, each 0 or 1.
 *
 * <p><b>Saturation.</b> A sigmoid can round to exactly 0 or 1, where the course's formula gives
 * {@code log(0) = -inf}. Here each prediction is first clamped to
 * {@code [Double.MIN_VALUE, 1 - 2^-53]}, the smallest and largest doubles strictly inside (0, 1): a
 * prediction already inside is unchanged, so wherever the course's formula is finite this cost is
 * the same value; at 0 or 1 it is large (at most about 745 per example) but finite. The gradient
 * clamps to {@code [2^-1022, 1 - 2^-53]} so that {@code 1/a} stays finite too.
 *
 * <p><b>Fused with a Sigmoid (opt-in).</b> {@link #fused()} gives a loss that, after a
 * {@link Sigmoid}, works on the logits {@code z}: {@code J = (1/m) sum [max(z, 0) - z y +
 * log(1 + exp(-|z|))]} and {@code dJ/dz = (sigmoid(z) - y) / m}, exact and finite however large
 * |z| grows. The default {@code new BinaryCrossEntropy()} does not fuse, so full-batch training of
 * the course's network goes through the course's own formulas and reproduces its numbers.
 *
 * <p><b>Class weights</b> ({@link #withClassWeights}, for imbalanced data; {@link ClassWeights#balanced}
 * computes the usual ones): each example's term is multiplied by the weight of its class,
 * {@code J = -(1/m) sum_j [w1 y_j log(a_j) + w0 (1 - y_j) log(1 - a_j)]},
 * {@code dJ/da_j = -(1/m) (w1 y_j / a_j - w0 (1 - y_j) / (1 - a_j))}; fused,
 * {@code J = (1/m) sum w_j [max(z, 0) - z y + log(1 + exp(-|z|))]} and
 * {@code dJ/dz = w_j (sigmoid(z) - y) / m} with {@code w_j} the weight of example j's label. The
 * fused loss stays fused. Still divided by m, not by the sum of the weights: with balanced weights
 * the weights of the m examples add up to m anyway.
 *
 * <pre>{@code
 * Loss bce = new BinaryCrossEntropy();
 * Loss stable = BinaryCrossEntropy.fused();
 * Loss weighted = BinaryCrossEntropy.fused().withClassWeights(0.76, 1.45); // non-cat, cat
 * double cost = bce.cost(Matrix.ofRows(new double[] {0.8, 0.1}), Matrix.ofRows(new double[] {1, 0}));
 * }</pre>
 */
public final class BinaryCrossEntropy implements FusedLoss {
  private static final double LARGEST_BELOW_ONE = Math.nextDown(1.0);
  private final boolean fused;
  // null for the unweighted loss, whose loops stay the course's formula bit for bit.
  private final double[] weights;

  /** The course's loss on probabilities; never fuses. */
  public BinaryCrossEntropy() {
    this(false, null);
  }

  private BinaryCrossEntropy(boolean fused, double[] weights) {
    this.fused = fused;
    this.weights = weights;
  }

  /** The loss computed from the logits when it follows a {@link Sigmoid}. */
  public static BinaryCrossEntropy fused() {
    return new BinaryCrossEntropy(true, null);
  }

  /**
   * This loss (fused or not, as it is) with each example weighted by its class: {@code negative}
   * for label 0, {@code positive} for label 1.
   *
   * @throws IllegalArgumentException when a weight is not positive and finite
   */
  public BinaryCrossEntropy withClassWeights(double negative, double positive) {
    ClassWeights.check(new double[] {negative, positive}, "BinaryCrossEntropy");
    return new BinaryCrossEntropy(fused, new double[] {negative, positive});
  }

  /** The class weights {@code [w0, w1]}, or null when unweighted. */
  public double[] classWeights() {
    return weights == null ? null : weights.clone();
  }

  @Override
  public boolean fuses(Layer outputLayer) {
    return fused && outputLayer instanceof Sigmoid;
  }

  @Override
  public double costFromLogits(Matrix z, Matrix y) {
    z.requireSameShape(y, "labels");
    double[] zd = z.data();
    double[] yd = y.data();
    double sum = 0;
    if (weights == null) {
      for (int i = 0; i < zd.length; i++) {
        double v = zd[i];
        // -[y log s(z) + (1-y) log(1-s(z))] rearranged so that exp never overflows.
        sum += Math.max(v, 0) - v * yd[i] + Math.log1p(Math.exp(-Math.abs(v)));
      }
    } else {
      for (int i = 0; i < zd.length; i++) {
        double v = zd[i];
        sum += weight(yd[i]) * (Math.max(v, 0) - v * yd[i] + Math.log1p(Math.exp(-Math.abs(v))));
      }
    }
    return sum / z.cols();
  }

  @Override
  public double cost(Matrix a, Matrix y) {
    a.requireSameShape(y, "labels");
    double[] ad = a.data();
    double[] yd = y.data();
    double sum = 0;
    if (weights == null) {
      for (int i = 0; i < ad.length; i++) {
        double p = Math.min(Math.max(ad[i], Double.MIN_VALUE), LARGEST_BELOW_ONE);
        sum += yd[i] * Math.log(p) + (1 - yd[i]) * Math.log(1 - p);
      }
    } else {
      for (int i = 0; i < ad.length; i++) {
        double p = Math.min(Math.max(ad[i], Double.MIN_VALUE), LARGEST_BELOW_ONE);
        sum += weights[1] * yd[i] * Math.log(p) + weights[0] * (1 - yd[i]) * Math.log(1 - p);
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
    if (weights == null) {
      for (int i = 0; i < ad.length; i++) {
        double p = Math.min(Math.max(ad[i], Double.MIN_NORMAL), LARGEST_BELOW_ONE);
        od[i] = -(yd[i] / p - (1 - yd[i]) / (1 - p)) / m;
      }
    } else {
      for (int i = 0; i < ad.length; i++) {
        double p = Math.min(Math.max(ad[i], Double.MIN_NORMAL), LARGEST_BELOW_ONE);
        od[i] = -(weights[1] * yd[i] / p - weights[0] * (1 - yd[i]) / (1 - p)) / m;
      }
    }
  }

  /** {@code w_j (sigmoid(z) - y) / m}; unweighted, the default {@code (a - y) / m}. */
  @Override
  public void logitGradient(Matrix logits, Matrix activations, Matrix labels, Matrix out) {
    if (weights == null) {
      FusedLoss.super.logitGradient(logits, activations, labels, out);
      return;
    }
    FusedLoss.requireGradientShapes(logits, activations, labels, out);
    double[] ad = activations.data();
    double[] yd = labels.data();
    double[] od = out.data();
    double m = logits.cols();
    for (int i = 0; i < ad.length; i++) {
      od[i] = weight(yd[i]) * (ad[i] - yd[i]) / m;
    }
  }

  /** The weight of label y, 0 or 1 (checked before training): {@code y w1 + (1 - y) w0}. */
  private double weight(double y) {
    return y * weights[1] + (1 - y) * weights[0];
  }

  /** Labels must be exactly 0 or 1: other values give a cost with no meaning and no minimum at y. */
  @Override
  public void checkLabels(Matrix labels, String what) {
    Checks.binaryLabels(labels, what);
  }

  @Override
  public String toString() {
    String classWeights = weights == null ? "" : "classWeights=[" + weights[0] + ", " + weights[1] + "]";
    return fused ? "BinaryCrossEntropy(fused with Sigmoid" + (weights == null ? "" : ", " + classWeights) + ")"
        : "BinaryCrossEntropy(" + classWeights + ")";
  }
}
