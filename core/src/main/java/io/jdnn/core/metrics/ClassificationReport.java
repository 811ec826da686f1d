package io.jdnn.core.metrics;

import io.jdnn.core.math.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a classifier did on labelled examples, laid out as scikit-learn's
 * {@code classification_report}: per class precision {@code tp / (tp + fp)}, recall
 * {@code tp / (tp + fn)}, F1 {@code 2 p r / (p + r)} (0 when undefined) and support; the accuracy;
 * macro and support-weighted averages; for binary predictions the ROC AUC; then the
 * {@link ConfusionMatrix}. Predictions are read as {@link ConfusionMatrix#of} reads them: a
 * {@code 1 x m} probability is class 1 when {@code p > 0.5} (as the course's {@code predict}),
 * {@code k x m} scores give the row of the largest.
 *
 * <pre>{@code
 * ClassificationReport r = ClassificationReport.of(model.predict(x), y, List.of("non-cat", "cat"));
 * System.out.print(r);
 * //               precision     recall   f1-score    support
 * //      non-cat     0.7692     0.5882     0.6667         17
 * //          cat     0.8108     0.9091     0.8571         33
 * //     accuracy                           0.8000         50
 * // ...
 * }</pre>
 */
public final class ClassificationReport {
  private final ConfusionMatrix confusion;
  private final List<String> names;
  private final double rocAuc;

  private ClassificationReport(ConfusionMatrix confusion, List<String> names, double rocAuc) {
    this.confusion = confusion;
    this.names = List.copyOf(names);
    this.rocAuc = rocAuc;
  }

  /**
   * The report of {@code predictions} against {@code labels}, with class names in class order
   * (0, 1, ...); {@code names} may be empty for "0", "1", ....
   */
  public static ClassificationReport of(Matrix predictions, Matrix labels, List<String> names) {
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
    return new ClassificationReport(cm, n, auc);
  }

  /** As {@link #of(Matrix, Matrix, List)} with classes named by number. */
  public static ClassificationReport of(Matrix predictions, Matrix labels) {
    return of(predictions, labels, List.of());
  }

  public ConfusionMatrix confusion() {
    return confusion;
  }

  public double accuracy() {
    return confusion.accuracy();
  }

  public double precision(int c) {
    return confusion.precision(c);
  }

  public double recall(int c) {
    return confusion.recall(c);
  }

  public double f1(int c) {
    return confusion.f1(c);
  }

  /** The number of examples whose true class is {@code c}. */
  public long support(int c) {
    return confusion.support(c);
  }

  /** The ROC AUC, or NaN for multi-class predictions or when one class is missing. */
  public double rocAuc() {
    return rocAuc;
  }

  /** The table, then the confusion matrix (rows: true class, columns: predicted class). */
  @Override
  public String toString() {
    int w = 12;
    for (String n : names) {
      w = Math.max(w, n.length());
    }
    String scores = "%" + w + "s %10s %10s %10s %10s%n";
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, scores, "", "precision", "recall", "f1-score",
        "support"));
    int k = confusion.classes();
    long total = confusion.total();
    double[] macro = new double[3];
    double[] weighted = new double[3];
    for (int c = 0; c < k; c++) {
      double[] v = {precision(c), recall(c), f1(c)};
      for (int i = 0; i < 3; i++) {
        macro[i] += v[i] / k;
        weighted[i] += total == 0 ? 0 : v[i] * support(c) / total;
      }
      s.append(String.format(Locale.ROOT, scores, names.get(c), f(v[0]), f(v[1]), f(v[2]), support(c)));
    }
    s.append(String.format(Locale.ROOT, scores, "accuracy", "", "", f(accuracy()), total));
    s.append(String.format(Locale.ROOT, scores, "macro avg", f(macro[0]), f(macro[1]), f(macro[2]), total));
    s.append(String.format(Locale.ROOT, scores, "weighted avg", f(weighted[0]), f(weighted[1]), f(weighted[2]), total));
    if (!Double.isNaN(rocAuc)) {
      s.append(String.format(Locale.ROOT, scores, "ROC AUC", "", "", f(rocAuc), ""));
    }
    s.append(System.lineSeparator()).append("Confusion matrix:").append(System.lineSeparator());
    s.append(confusion.table(names));
    return s.toString();
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
