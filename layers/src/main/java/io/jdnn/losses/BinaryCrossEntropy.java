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
 * <pre>{@code
 * Loss bce = new BinaryCrossEntropy();
 * Loss stable = BinaryCrossEntropy.fused();
 * double cost = bce.cost(Matrix.ofRows(new double[] {0.8, 0.1}), Matrix.ofRows(new double[] {1, 0}));
 * }</pre>
 */
public final class BinaryCrossEntropy implements FusedLoss {
  private static final double LARGEST_BELOW_ONE = Math.nextDown(1.0);
  private final boolean fused;

  /** The course's loss on probabilities; never fuses. */
  public BinaryCrossEntropy() {
    this(false);
  }

  private BinaryCrossEntropy(boolean fused) {
    this.fused = fused;
  }

  /** The loss computed from the logits when it follows a {@link Sigmoid}. */
  public static BinaryCrossEntropy fused() {
    return new BinaryCrossEntropy(true);
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
    for (int i = 0; i < zd.length; i++) {
      double v = zd[i];
      // -[y log s(z) + (1-y) log(1-s(z))] rearranged so that exp never overflows.
      sum += Math.max(v, 0) - v * yd[i] + Math.log1p(Math.exp(-Math.abs(v)));
    }
    return sum / z.cols();
  }

  @Override
  public double cost(Matrix a, Matrix y) {
    a.requireSameShape(y, "labels");
    double[] ad = a.data();
    double[] yd = y.data();
    double sum = 0;
    for (int i = 0; i < ad.length; i++) {
      double p = Math.min(Math.max(ad[i], Double.MIN_VALUE), LARGEST_BELOW_ONE);
      sum += yd[i] * Math.log(p) + (1 - yd[i]) * Math.log(1 - p);
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
      double p = Math.min(Math.max(ad[i], Double.MIN_NORMAL), LARGEST_BELOW_ONE);
      od[i] = -(yd[i] / p - (1 - yd[i]) / (1 - p)) / m;
    }
  }

  /** Labels must be exactly 0 or 1: other values give a cost with no meaning and no minimum at y. */
  @Override
  public void checkLabels(Matrix labels, String what) {
    Checks.binaryLabels(labels, what);
  }

  @Override
  public String toString() {
    return fused ? "BinaryCrossEntropy(fused with Sigmoid)" : "BinaryCrossEntropy()";
  }
}
