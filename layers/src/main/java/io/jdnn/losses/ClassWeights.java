package io.jdnn.losses;

import io.jdnn.core.math.Matrix;
import java.util.Arrays;

/**
 * Class weights for imbalanced data, to give {@link BinaryCrossEntropy#withClassWeights} and
 * {@link CategoricalCrossEntropy#withClassWeights}.
 *
 * <p>{@link #balanced} is scikit-learn's {@code class_weight="balanced"}:
 * {@code w_c = m / (k * n_c)} for {@code k} classes with {@code n_c} of the {@code m} examples in
 * class {@code c}. Every class then carries the same total weight {@code m / k}, and the weights of
 * the m examples add up to m, so the weighted cost stays a mean. The labels are binary ({@code 1 x m},
 * classes 0 and 1, weights in that order) or one-hot ({@code k x m}, one weight per row).
 *
 * <pre>{@code
 * double[] w = ClassWeights.balanced(y);            // cat data: 137 non-cats, 72 cats -> [0.763, 1.451]
 * Loss loss = new BinaryCrossEntropy().withClassWeights(w[0], w[1]);
 * }</pre>
 */
public final class ClassWeights {
  private ClassWeights() {}

  /**
   * {@code m / (k * n_c)} for each class c of {@code labels}.
   *
   * @throws IllegalArgumentException when a class has no example (its weight would be infinite)
   */
  public static double[] balanced(Matrix labels) {
    int m = labels.cols();
    double[] counts;
    if (labels.rows() == 1) {
      counts = new double[2];
      for (int j = 0; j < m; j++) {
        double y = labels.get(0, j);
        if (y != 0 && y != 1) {
          throw new IllegalArgumentException("label " + j + " is " + y + "; balanced class weights for one label row"
              + " need binary labels, 0 or 1");
        }
        counts[(int) y]++;
      }
    } else {
      counts = new double[labels.rows()];
      for (int i = 0; i < labels.rows(); i++) {
        for (int j = 0; j < m; j++) {
          counts[i] += labels.get(i, j);
        }
      }
    }
    double[] weights = new double[counts.length];
    for (int c = 0; c < counts.length; c++) {
      if (!(counts[c] > 0)) {
        throw new IllegalArgumentException("class " + c + " has no examples among the " + m + " labels (counts "
            + Arrays.toString(counts) + "), so balanced weights are undefined");
      }
      weights[c] = m / (counts.length * counts[c]);
    }
    return weights;
  }

  /** Refuses an empty list and weights that are not positive and finite, naming {@code loss}. */
  static void check(double[] weights, String loss) {
    if (weights == null || weights.length == 0) {
      throw new IllegalArgumentException(loss + " needs at least one class weight");
    }
    for (int c = 0; c < weights.length; c++) {
      if (!(weights[c] > 0) || !Double.isFinite(weights[c])) {
        throw new IllegalArgumentException(loss + " class weights must be positive and finite, got " + weights[c]
            + " for class " + c + " in " + Arrays.toString(weights));
      }
    }
  }
}
