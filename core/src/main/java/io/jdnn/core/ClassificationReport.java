package io.jdnn.core;

import java.util.Locale;

/**
 * How a binary classifier did on labelled examples: the confusion matrix and, per class, precision
 * {@code tp / (tp + fp)}, recall {@code tp / (tp + fn)} and F1 {@code 2 p r / (p + r)} (0 when
 * undefined, as scikit-learn reports it), with the support (number of true examples) of each class.
 * A probability {@code p > 0.5} is class 1, as the course's {@code predict} and
 * {@link Metrics#binaryAccuracy} decide.
 *
 * <pre>{@code
 * ClassificationReport r = ClassificationReport.of(model.predict(x), y);
 * System.out.print(r.format("non-cat", "cat"));
 * }</pre>
 *
 * @param truePositives  class-1 examples predicted 1
 * @param falsePositives class-0 examples predicted 1
 * @param trueNegatives  class-0 examples predicted 0
 * @param falseNegatives class-1 examples predicted 0
 */
public record ClassificationReport(int truePositives, int falsePositives, int trueNegatives, int falseNegatives) {

  /** The report for probabilities against 0/1 labels, both {@code 1 x m}. */
  public static ClassificationReport of(Matrix probabilities, Matrix labels) {
    probabilities.requireSameShape(labels, "labels");
    if (probabilities.rows() != 1) {
      throw new IllegalArgumentException("a binary report needs one probability per example (1 x m), got "
          + probabilities.shape());
    }
    int tp = 0;
    int fp = 0;
    int tn = 0;
    int fn = 0;
    double[] p = probabilities.data();
    double[] y = labels.data();
    for (int i = 0; i < p.length; i++) {
      boolean predicted = p[i] > 0.5;
      if (y[i] != 0.0 && y[i] != 1.0) {
        throw new IllegalArgumentException("label " + y[i] + " at example " + i + ", expected 0 or 1");
      }
      boolean actual = y[i] == 1.0;
      if (predicted && actual) {
        tp++;
      } else if (predicted) {
        fp++;
      } else if (actual) {
        fn++;
      } else {
        tn++;
      }
    }
    return new ClassificationReport(tp, fp, tn, fn);
  }

  /** The number of examples. */
  public int total() {
    return truePositives + falsePositives + trueNegatives + falseNegatives;
  }

  /** The fraction predicted right. */
  public double accuracy() {
    return ratio(truePositives + trueNegatives, total());
  }

  /** Precision of class {@code c} (0 or 1). */
  public double precision(int c) {
    return c == 1 ? ratio(truePositives, truePositives + falsePositives)
        : ratio(trueNegatives, trueNegatives + falseNegatives);
  }

  /** Recall of class {@code c} (0 or 1). */
  public double recall(int c) {
    return c == 1 ? ratio(truePositives, truePositives + falseNegatives)
        : ratio(trueNegatives, trueNegatives + falsePositives);
  }

  /** F1 score of class {@code c} (0 or 1). */
  public double f1(int c) {
    double p = precision(c);
    double r = recall(c);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /** The number of examples whose true class is {@code c}. */
  public int support(int c) {
    return c == 1 ? truePositives + falseNegatives : trueNegatives + falsePositives;
  }

  private static double ratio(int a, int b) {
    return b == 0 ? 0 : (double) a / b;
  }

  /**
   * The report as scikit-learn's {@code classification_report} lays it out, then the confusion
   * matrix (rows: true class, columns: predicted class), for classes named {@code name0} and
   * {@code name1}.
   */
  public String format(String name0, String name1) {
    String[] names = {name0, name1};
    int w = Math.max(12, Math.max(name0.length(), name1.length()));
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%" + w + "s %10s %10s %10s %10s%n", "", "precision", "recall", "f1-score",
        "support"));
    for (int c = 0; c <= 1; c++) {
      s.append(String.format(Locale.ROOT, "%" + w + "s %10.4f %10.4f %10.4f %10d%n", names[c], precision(c), recall(c),
          f1(c), support(c)));
    }
    s.append(String.format(Locale.ROOT, "%" + w + "s %10s %10s %10.4f %10d%n", "accuracy", "", "", accuracy(),
        total()));
    s.append(String.format(Locale.ROOT, "%" + w + "s %10.4f %10.4f %10.4f %10d%n", "macro avg",
        (precision(0) + precision(1)) / 2, (recall(0) + recall(1)) / 2, (f1(0) + f1(1)) / 2, total()));
    s.append(String.format(Locale.ROOT, "%" + w + "s %10.4f %10.4f %10.4f %10d%n", "weighted avg",
        weighted(precision(0), precision(1)), weighted(recall(0), recall(1)), weighted(f1(0), f1(1)), total()));
    s.append(String.format(Locale.ROOT, "%nConfusion matrix (rows: true class, columns: predicted class)%n"));
    int cw = Math.max(10, Math.max(name0.length(), name1.length()) + 2);
    s.append(String.format(Locale.ROOT, "%" + w + "s %" + cw + "s %" + cw + "s%n", "", names[0], names[1]));
    s.append(String.format(Locale.ROOT, "%" + w + "s %" + cw + "d %" + cw + "d%n", names[0], trueNegatives,
        falsePositives));
    s.append(String.format(Locale.ROOT, "%" + w + "s %" + cw + "d %" + cw + "d%n", names[1], falseNegatives,
        truePositives));
    return s.toString();
  }

  private double weighted(double v0, double v1) {
    return total() == 0 ? 0 : (v0 * support(0) + v1 * support(1)) / total();
  }
}
