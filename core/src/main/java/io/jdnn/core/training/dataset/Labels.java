package io.jdnn.core.training.dataset;

import io.jdnn.core.math.Matrix;
import java.util.Objects;

/**
 * Class labels as a network's targets, and back. Two classes are one output (a sigmoid's
 * probability of class 1, labels 0 or 1: {@code 1 x m}); k &gt; 2 classes are k outputs (a
 * softmax, labels one-hot: {@code k x m}, a 1 in row {@code c} of example c's column).
 *
 * <pre>{@code
 * Matrix y = Labels.encode(new int[] {2, 0, 1}, 3); // 3 x 3 one-hot
 * int c = Labels.predicted(model.predict(x), 0);    // the class of example 0
 * }</pre>
 */
public final class Labels {
  private Labels() {}

  /** The number of network outputs for {@code classes} classes: 1 for two, else {@code classes}. */
  public static int outputs(int classes) {
    if (classes < 2) {
      throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
    }
    return classes == 2 ? 1 : classes;
  }

  /**
   * The targets for class indices {@code classOf[j]} in {@code 0..classes-1}: {@code 1 x m} 0/1
   * for two classes, {@code classes x m} one-hot otherwise.
   */
  public static Matrix encode(int[] classOf, int classes) {
    Objects.requireNonNull(classOf, "classOf");
    int rows = outputs(classes);
    int m = classOf.length;
    Matrix y = Matrix.zeros(rows, m);
    double[] d = y.data();
    for (int j = 0; j < m; j++) {
      int c = classOf[j];
      if (c < 0 || c >= classes) {
        throw new IllegalArgumentException("example " + j + " has class " + c + ", expected 0 to " + (classes - 1));
      }
      if (rows == 1) {
        d[j] = c;
      } else {
        d[c * m + j] = 1.0;
      }
    }
    return y;
  }

  /**
   * The class predicted for example {@code j} of {@code predictions}: for one row, 1 when its
   * probability is above 0.5 (the course's threshold), else 0; for k rows, the row of the largest
   * score (the first on ties).
   */
  public static int predicted(Matrix predictions, int j) {
    if (predictions.rows() == 1) {
      return predictions.get(0, j) > 0.5 ? 1 : 0;
    }
    int best = 0;
    for (int i = 1; i < predictions.rows(); i++) {
      if (predictions.get(i, j) > predictions.get(best, j)) {
        best = i;
      }
    }
    return best;
  }

  /**
   * The probability the model gives its predicted class for example {@code j}: {@code p} or
   * {@code 1 - p} for one sigmoid row, the largest softmax value for k rows.
   */
  public static double confidence(Matrix predictions, int j) {
    if (predictions.rows() == 1) {
      double p = predictions.get(0, j);
      return p > 0.5 ? p : 1 - p;
    }
    return predictions.get(predicted(predictions, j), j);
  }
}
