package io.jdnn.core;

/**
 * Scores of predictions against labels.
 *
 * <pre>{@code
 * double acc = Metrics.binaryAccuracy(model.predict(x), y); // fraction in [0, 1]
 * }</pre>
 */
public final class Metrics {
  private Metrics() {}

  /**
   * The fraction of examples whose probability, thresholded at 0.5 ({@code p > 0.5} is class 1, as
   * the course's {@code predict}), equals the 0/1 label. Both are {@code 1 x m}.
   */
  public static double binaryAccuracy(Matrix probabilities, Matrix labels) {
    probabilities.requireSameShape(labels, "labels");
    double[] p = probabilities.data();
    double[] y = labels.data();
    int correct = 0;
    for (int i = 0; i < p.length; i++) {
      if ((p[i] > 0.5 ? 1.0 : 0.0) == y[i]) {
        correct++;
      }
    }
    return (double) correct / p.length;
  }
}
