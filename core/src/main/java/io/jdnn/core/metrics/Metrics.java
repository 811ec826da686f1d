package io.jdnn.core.metrics;

import io.jdnn.core.math.Matrix;

/**
 * Scores of predictions against labels. Binary predictions are {@code 1 x m} probabilities of
 * class 1 with 0/1 labels; multi-class predictions are {@code k x m} scores (e.g. softmax
 * probabilities) with one-hot labels, the predicted class being the row of the largest score.
 * Per-class precision, recall and F1 live in {@link ConfusionMatrix}, a printable table in
 * {@link ClassificationReport}.
 *
 * <pre>{@code
 * double acc = Metrics.binaryAccuracy(model.predict(x), y); // fraction in [0, 1]
 * double auc = Metrics.rocAuc(model.predict(x), y);         // binary only
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

  /**
   * The fraction of correctly classified examples: {@link #binaryAccuracy} for one output row,
   * else the fraction whose largest score is in the row of the label's 1.
   */
  public static double accuracy(Matrix predictions, Matrix labels) {
    if (predictions.rows() == 1) {
      return binaryAccuracy(predictions, labels);
    }
    predictions.requireSameShape(labels, "labels");
    int correct = 0;
    for (int j = 0; j < predictions.cols(); j++) {
      if (argmax(predictions, j) == argmax(labels, j)) {
        correct++;
      }
    }
    return (double) correct / predictions.cols();
  }

  /** The row of the largest value in column {@code j} (the first one on ties). */
  public static int argmax(Matrix scores, int j) {
    int best = 0;
    for (int i = 1; i < scores.rows(); i++) {
      if (scores.get(i, j) > scores.get(best, j)) {
        best = i;
      }
    }
    return best;
  }

  /**
   * The area under the ROC curve of binary probabilities ({@code 1 x m}) against 0/1 labels: the
   * probability that a random positive example scores higher than a random negative one, ties
   * counting half (the Mann-Whitney statistic, with average ranks for tied scores).
   *
   * @throws IllegalArgumentException when the labels hold only one class (AUC is undefined)
   */
  public static double rocAuc(Matrix probabilities, Matrix labels) {
    probabilities.requireSameShape(labels, "labels");
    if (probabilities.rows() != 1) {
      throw new IllegalArgumentException("ROC AUC is for binary predictions (1 x m), got " + probabilities.shape());
    }
    int m = probabilities.cols();
    double[] p = probabilities.data();
    double[] y = labels.data();
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
    double positiveRankSum = 0;
    long positives = 0;
    int i = 0;
    while (i < m) {
      int j = i;
      while (j + 1 < m && p[order[j + 1]] == p[order[i]]) {
        j++;
      }
      double averageRank = (i + j) / 2.0 + 1; // ranks are 1-based
      for (int k = i; k <= j; k++) {
        if (y[order[k]] == 1.0) {
          positiveRankSum += averageRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = m - positives;
    if (positives == 0 || negatives == 0) {
      throw new IllegalArgumentException("ROC AUC needs both classes among the labels, got " + positives
          + " positive and " + negatives + " negative examples");
    }
    return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }
}
