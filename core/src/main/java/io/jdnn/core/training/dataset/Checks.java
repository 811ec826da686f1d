package io.jdnn.core.training.dataset;

import static com.google.common.base.Preconditions.checkArgument;

import io.jdnn.core.math.Matrix;

/**
 * The checks at jdnn's API boundary, one small method each, so that every training loop (full
 * batch, mini-batch, from disk) and every data holder rejects bad input with the same words: what
 * is wrong, where, and what was expected. Each throws an {@link IllegalArgumentException}. (Numbers
 * that go bad during training are the trainer's guard, not a check of input.)
 *
 * <p>The checks that run every iteration (example counts) use Guava's {@code checkArgument} with
 * primitive arguments: the message is formatted only on failure, so a passing check allocates
 * nothing.
 *
 * <pre>{@code
 * Checks.sameExampleCount(x, y);
 * Checks.finite(x, "x");              // "x holds NaN at row 3, column 17 (feature 3 of example 17) ..."
 * Checks.atLeastOne(iterations, "iterations");
 * }</pre>
 */
public final class Checks {
  private Checks() {}

  /** Inputs and labels must hold the same number of examples (columns). */
  public static void sameExampleCount(Matrix x, Matrix y) {
    checkArgument(x.cols() == y.cols(),
        "x has %s examples (columns) but y has %s; each example needs exactly one label column", x.cols(), y.cols());
  }

  /**
   * Every value of {@code m} must be finite; the message names the first NaN or infinity by row and
   * column, which for data is the feature and the example.
   */
  public static void finite(Matrix m, String what) {
    double[] d = m.data();
    for (int i = 0; i < d.length; i++) {
      if (!Double.isFinite(d[i])) {
        int row = i / m.cols();
        int col = i % m.cols();
        throw new IllegalArgumentException(what + " holds " + d[i] + " at row " + row + ", column " + col
            + " (feature " + row + " of example " + col + "); expected finite numbers");
      }
    }
  }

  /** Every label must be exactly 0 or 1 (binary cross-entropy's labels); names the first that is not. */
  public static void binaryLabels(Matrix y, String what) {
    double[] d = y.data();
    for (int i = 0; i < d.length; i++) {
      if (d[i] != 0.0 && d[i] != 1.0) {
        throw new IllegalArgumentException(what + " holds " + d[i] + " at row " + i / y.cols() + ", column "
            + i % y.cols() + " (example " + i % y.cols() + "); binary labels must be 0 or 1");
      }
    }
  }

  /**
   * Every column of {@code y} must be one-hot (categorical cross-entropy's labels): 0s and exactly
   * one 1, in the row of the example's class. Names the first column that is not, and why.
   */
  public static void oneHotColumns(Matrix y, String what) {
    double[] d = y.data();
    int rows = y.rows();
    int cols = y.cols();
    for (int j = 0; j < cols; j++) {
      int ones = 0;
      for (int i = 0; i < rows; i++) {
        double v = d[i * cols + j];
        if (v == 1.0) {
          ones++;
        } else if (v != 0.0) {
          throw new IllegalArgumentException(what + " holds " + v + " at row " + i + ", column " + j + " (example " + j
              + "); categorical labels are one-hot columns: 0s and a single 1 in the row of the class");
        }
      }
      if (ones != 1) {
        throw new IllegalArgumentException(what + " column " + j + " (example " + j + ") holds " + ones + " ones; "
            + "categorical labels are one-hot columns: exactly one 1, in the row of the class");
      }
    }
  }

  /** A count such as iterations, epochs or the batch size must be at least 1. */
  public static void atLeastOne(int value, String what) {
    checkArgument(value >= 1, "%s must be at least 1, got %s", what, value);
  }

  /** An L2 strength lambda must be finite and at least 0. */
  public static void l2Strength(double lambda) {
    if (!(lambda >= 0) || !Double.isFinite(lambda)) {
      throw new IllegalArgumentException("L2 strength lambda must be finite and at least 0, got " + lambda);
    }
  }

  /** A validation fraction must lie strictly between 0 and 1. */
  public static void validationFraction(double fraction) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be strictly between 0 and 1, got " + fraction);
    }
  }
}
