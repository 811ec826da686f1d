package io.jdnn.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Precision, recall, F1 and support per class for any number of classes, the accuracy, the ROC
 * AUC for binary predictions, and the confusion matrix, printed as one table (scikit-learn's
 * {@code classification_report} layout). {@link ClassificationReport} is the binary-only report
 * the cat command line prints (with macro and weighted averages).
 *
 * <pre>{@code
 * MetricsReport r = MetricsReport.of(model.predict(x), y, List.of("non-cat", "cat"));
 * System.out.print(r);
 * //            precision  recall      f1  support
 * //   non-cat     0.8235  0.8235  0.8235       17
 * //       cat     0.9091  0.9091  0.9091       33
 * //  accuracy                     0.8800       50
 * //   ROC AUC                     0.9465
 * }</pre>
 */
public final class MetricsReport {
  private final ConfusionMatrix confusion;
  private final List<String> names;
  private final double rocAuc;

  private MetricsReport(ConfusionMatrix confusion, List<String> names, double rocAuc) {
    this.confusion = confusion;
    this.names = List.copyOf(names);
    this.rocAuc = rocAuc;
  }

  /**
   * The report of {@code predictions} against {@code labels} (as {@link Metrics} reads them) with
   * class names in class order (0, 1, ...); {@code names} may be empty for "0", "1", ....
   */
  public static MetricsReport of(Matrix predictions, Matrix labels, List<String> names) {
    ConfusionMatrix cm = ConfusionMatrix.of(predictions, labels);
    List<String> n = names;
    if (n.isEmpty()) {
      n = new ArrayList<>();
      for (int c = 0; c < cm.classes(); c++) {
        n.add(String.valueOf(c));
      }
    } else if (n.size() != cm.classes()) {
      throw new IllegalArgumentException("got " + names.size() + " class names for " + cm.classes() + " classes: " + names);
    }
    double auc = Double.NaN;
    if (predictions.rows() == 1 && cm.support(0) > 0 && cm.support(1) > 0) {
      auc = Metrics.rocAuc(predictions, labels);
    }
    return new MetricsReport(cm, n, auc);
  }

  public ConfusionMatrix confusion() {
    return confusion;
  }

  public double accuracy() {
    return confusion.accuracy();
  }

  /** The ROC AUC, or NaN for multi-class predictions or when one class is missing. */
  public double rocAuc() {
    return rocAuc;
  }

  @Override
  public String toString() {
    int w = 8;
    for (String n : names) {
      w = Math.max(w, n.length());
    }
    String row = "%" + w + "s  %9s  %7s  %7s  %7s%n";
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, row, "", "precision", "recall", "f1", "support"));
    for (int c = 0; c < confusion.classes(); c++) {
      s.append(String.format(Locale.ROOT, row, names.get(c), f(confusion.precision(c)), f(confusion.recall(c)),
          f(confusion.f1(c)), confusion.support(c)));
    }
    s.append(String.format(Locale.ROOT, row, "accuracy", "", "", f(confusion.accuracy()), confusion.total()));
    if (!Double.isNaN(rocAuc)) {
      s.append(String.format(Locale.ROOT, row, "ROC AUC", "", "", f(rocAuc), ""));
    }
    s.append(System.lineSeparator()).append("Confusion matrix:").append(System.lineSeparator());
    s.append(confusion.table(names));
    return s.toString();
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
