package io.jdnn.core.metrics;

import io.jdnn.core.math.Matrix;
import java.util.Arrays;
import java.util.Locale;

/**
 * Counts of (true class, predicted class) pairs over k classes, and the scores read from them:
 * accuracy {@code = trace / m}; for class c, precision {@code = n[c][c] / sum_i n[i][c]} (of the
 * examples predicted c, the fraction that are c), recall {@code = n[c][c] / sum_j n[c][j]} (of the
 * examples that are c, the fraction found), F1 {@code = 2 P R / (P + R)}. A ratio with a zero
 * denominator is 0, as scikit-learn reports it.
 *
 * <p>From binary probabilities ({@code 1 x m}, class 1 when {@code p > 0.5}) the classes are 0 and
 * 1; from {@code k x m} scores with one-hot labels, the row of the largest value.
 *
 * <pre>{@code
 * ConfusionMatrix cm = ConfusionMatrix.of(model.predict(x), y);
 * cm.count(1, 0);       // cats predicted non-cat
 * cm.precision(1);      // of the predicted cats, the fraction that are cats
 * }</pre>
 */
public final class ConfusionMatrix {
  private final long[][] counts;

  private ConfusionMatrix(long[][] counts) {
    this.counts = counts;
  }

  /** From predictions and labels, as {@link Metrics} reads them (binary or multi-class). */
  public static ConfusionMatrix of(Matrix predictions, Matrix labels) {
    predictions.requireSameShape(labels, "labels");
    boolean binary = predictions.rows() == 1;
    int k = binary ? 2 : predictions.rows();
    long[][] n = new long[k][k];
    for (int j = 0; j < predictions.cols(); j++) {
      int truth;
      int predicted;
      if (binary) {
        double y = labels.get(0, j);
        if (y != 0.0 && y != 1.0) {
          throw new IllegalArgumentException("binary label of example " + j + " is " + y + ", expected 0 or 1");
        }
        truth = (int) y;
        predicted = predictions.get(0, j) > 0.5 ? 1 : 0;
      } else {
        truth = Metrics.argmax(labels, j);
        predicted = Metrics.argmax(predictions, j);
      }
      n[truth][predicted]++;
    }
    return new ConfusionMatrix(n);
  }

  /** From counts {@code counts[true][predicted]} (square, copied). */
  public static ConfusionMatrix ofCounts(long[][] counts) {
    long[][] n = new long[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      if (counts[i].length != counts.length) {
        throw new IllegalArgumentException("a confusion matrix is square: row " + i + " has " + counts[i].length
            + " counts, expected " + counts.length);
      }
      n[i] = counts[i].clone();
    }
    return new ConfusionMatrix(n);
  }

  /** The number of classes k. */
  public int classes() {
    return counts.length;
  }

  /** Examples of class {@code truth} predicted as {@code predicted}. */
  public long count(int truth, int predicted) {
    return counts[truth][predicted];
  }

  /** All examples counted, m. */
  public long total() {
    long t = 0;
    for (long[] row : counts) {
      for (long c : row) {
        t += c;
      }
    }
    return t;
  }

  /** Examples whose true class is {@code c}. */
  public long support(int c) {
    return Arrays.stream(counts[c]).sum();
  }

  /** Examples predicted as {@code c}. */
  public long predicted(int c) {
    long s = 0;
    for (long[] row : counts) {
      s += row[c];
    }
    return s;
  }

  public double accuracy() {
    long diagonal = 0;
    for (int c = 0; c < counts.length; c++) {
      diagonal += counts[c][c];
    }
    return ratio(diagonal, total());
  }

  public double precision(int c) {
    return ratio(counts[c][c], predicted(c));
  }

  public double recall(int c) {
    return ratio(counts[c][c], support(c));
  }

  public double f1(int c) {
    double p = precision(c);
    double r = recall(c);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  private static double ratio(long a, long b) {
    return b == 0 ? 0 : (double) a / b;
  }

  /** The counts as a table: rows are true classes, columns predicted classes. */
  public String table(java.util.List<String> names) {
    int width = 9;
    for (String name : names) {
      width = Math.max(width, name.length());
    }
    for (long[] row : counts) {
      for (long c : row) {
        width = Math.max(width, String.valueOf(c).length());
      }
    }
    String cell = "%" + (width + 2) + "s";
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-" + (width + 6) + "s", "true \\ predicted"));
    for (int c = 0; c < counts.length; c++) {
      s.append(String.format(Locale.ROOT, cell, names.get(c)));
    }
    s.append(System.lineSeparator());
    for (int t = 0; t < counts.length; t++) {
      s.append(String.format(Locale.ROOT, "%-" + (width + 6) + "s", names.get(t)));
      for (int p = 0; p < counts.length; p++) {
        s.append(String.format(Locale.ROOT, cell, counts[t][p]));
      }
      s.append(System.lineSeparator());
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return "ConfusionMatrix" + Arrays.deepToString(counts);
  }
}
