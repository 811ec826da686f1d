package io.jdnn.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jdnn.core.math.Matrix;
import org.junit.jupiter.api.Test;

class MetricsTest {
  // 10 examples. Truth:     1 1 1 1 0 0 0 0 0 1
  //              Predicted: 1 1 1 0 0 0 1 0 0 0   (p > 0.5)
  // TP = 3, FN = 2, FP = 1, TN = 4.
  private static final Matrix P = Matrix.ofRows(new double[] {0.9, 0.8, 0.7, 0.4, 0.2, 0.1, 0.6, 0.3, 0.5, 0.45});
  private static final Matrix Y = Matrix.ofRows(new double[] {1, 1, 1, 1, 0, 0, 0, 0, 0, 1});

  @Test
  void accuracyThresholdsAtOneHalfExclusive() {
    Matrix p = Matrix.ofRows(new double[] {0.9, 0.5, 0.51, 0.1, 0.7});
    Matrix y = Matrix.ofRows(new double[] {1, 0, 1, 1, 0});
    // predictions 1, 0, 1, 0, 1 against 1, 0, 1, 1, 0: three right
    assertThat(Metrics.binaryAccuracy(p, y)).isEqualTo(3.0 / 5);
  }

  @Test
  void binaryScoresMatchAHandMadeConfusionMatrix() {
    ConfusionMatrix cm = ConfusionMatrix.of(P, Y);
    assertThat(cm.count(1, 1)).isEqualTo(3);
    assertThat(cm.count(1, 0)).isEqualTo(2);
    assertThat(cm.count(0, 1)).isEqualTo(1);
    assertThat(cm.count(0, 0)).isEqualTo(4);
    assertThat(cm.accuracy()).isEqualTo(7 / 10.0);
    assertThat(cm.precision(1)).isEqualTo(3 / 4.0);
    assertThat(cm.recall(1)).isEqualTo(3 / 5.0);
    assertThat(cm.f1(1)).isCloseTo(2 * 0.75 * 0.6 / (0.75 + 0.6), within(1e-15));
    assertThat(cm.precision(0)).isEqualTo(4 / 6.0);
    assertThat(cm.recall(0)).isEqualTo(4 / 5.0);
    assertThat(Metrics.accuracy(P, Y)).isEqualTo(Metrics.binaryAccuracy(P, Y)).isEqualTo(0.7);
  }

  @Test
  void multiClassUsesTheLargestScore() {
    Matrix scores = Matrix.ofRows(new double[] {0.7, 0.1, 0.2, 0.3}, new double[] {0.2, 0.8, 0.1, 0.3},
        new double[] {0.1, 0.1, 0.7, 0.4});
    Matrix oneHot = Matrix.ofRows(new double[] {1, 0, 0, 0}, new double[] {0, 1, 1, 0}, new double[] {0, 0, 0, 1});
    ConfusionMatrix cm = ConfusionMatrix.of(scores, oneHot);
    assertThat(cm.classes()).isEqualTo(3);
    assertThat(cm.count(1, 2)).isEqualTo(1);
    assertThat(cm.count(2, 2)).isEqualTo(1);
    assertThat(cm.recall(1)).isEqualTo(0.5);
    assertThat(cm.precision(2)).isEqualTo(0.5);
    assertThat(Metrics.accuracy(scores, oneHot)).isEqualTo(0.75);
  }

  @Test
  void rocAucIsTheFractionOfCorrectlyOrderedPositiveNegativePairs() {
    // 5 positives x 5 negatives = 25 pairs; count pairs whose positive scores higher.
    double[] p = P.data();
    double[] y = Y.data();
    double pairs = 0;
    double right = 0;
    for (int i = 0; i < p.length; i++) {
      for (int j = 0; j < p.length; j++) {
        if (y[i] == 1 && y[j] == 0) {
          pairs++;
          right += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
        }
      }
    }
    assertThat(Metrics.rocAuc(P, Y)).isCloseTo(right / pairs, within(1e-15));
    // scikit-learn's documented example, and ties counting half.
    assertThat(Metrics.rocAuc(Matrix.ofRows(new double[] {0.1, 0.4, 0.35, 0.8}),
        Matrix.ofRows(new double[] {0, 0, 1, 1}))).isEqualTo(0.75);
    assertThat(Metrics.rocAuc(Matrix.ofRows(new double[] {0.5, 0.5}), Matrix.ofRows(new double[] {0, 1}))).isEqualTo(0.5);
    assertThatThrownBy(() -> Metrics.rocAuc(Matrix.ofRows(new double[] {0.5, 0.7}), Matrix.ofRows(new double[] {1, 1})))
        .hasMessageContaining("both classes");
  }
}
