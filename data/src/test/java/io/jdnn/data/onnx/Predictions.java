package io.jdnn.data.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.math.Matrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Comparing two models' outputs ({@code out x m}, one column per example). */
final class Predictions {
  private static final Logger LOG = LoggerFactory.getLogger(Predictions.class);

  private Predictions() {}

  /**
   * Every value within {@code relative} of the expected one, relative to the larger of the two
   * magnitudes (a float32 model is compared with a float64 one, so both ways round).
   */
  static void requireClose(String what, Matrix actual, Matrix expected, double relative) {
    assertThat(actual.shape()).as(what + ": shape").isEqualTo(expected.shape());
    double worst = 0;
    int at = -1;
    for (int i = 0; i < actual.size(); i++) {
      double a = actual.data()[i];
      double e = expected.data()[i];
      double error = Math.abs(a - e) / Math.max(Math.max(Math.abs(a), Math.abs(e)), Double.MIN_NORMAL);
      if (!(error <= worst)) {
        worst = error;
        at = i;
      }
    }
    // Logged so that docs/onnx.md can quote the differences a run measured.
    LOG.info("{}: largest relative difference {} over {} values", what, worst, actual.size());
    assertThat(worst).as(what + ": largest relative difference, at value " + at + " (row " + (at < 0 ? -1
        : at / actual.cols()) + ", example " + (at < 0 ? -1 : at % actual.cols()) + ")").isLessThanOrEqualTo(relative);
  }

  /** The predicted class of each example: the row of the largest value, or for one row, above 0.5. */
  static int[] classes(Matrix p) {
    int[] c = new int[p.cols()];
    for (int j = 0; j < p.cols(); j++) {
      if (p.rows() == 1) {
        c[j] = p.get(0, j) > 0.5 ? 1 : 0;
      } else {
        int best = 0;
        for (int i = 1; i < p.rows(); i++) {
          if (p.get(i, j) > p.get(best, j)) {
            best = i;
          }
        }
        c[j] = best;
      }
    }
    return c;
  }
}
