package io.jdnn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClassificationReportTest {
  // Predicted (p > 0.5): 1 0 1 0 1 0; true: 1 1 0 1 1 0.
  private static final Matrix P = Matrix.ofRows(new double[] {0.9, 0.2, 0.7, 0.4, 0.6, 0.1});
  private static final Matrix Y = Matrix.ofRows(new double[] {1, 1, 0, 1, 1, 0});

  @Test
  void countsAndScoresMatchAWorkedExample() {
    ClassificationReport r = ClassificationReport.of(P, Y);
    assertThat(r).isEqualTo(new ClassificationReport(2, 1, 1, 2));
    assertThat(r.precision(1)).isCloseTo(2 / 3.0, within(1e-15));
    assertThat(r.recall(1)).isCloseTo(1 / 2.0, within(1e-15));
    assertThat(r.f1(1)).isCloseTo(4 / 7.0, within(1e-15));
    assertThat(r.precision(0)).isCloseTo(1 / 3.0, within(1e-15));
    assertThat(r.recall(0)).isCloseTo(1 / 2.0, within(1e-15));
    assertThat(r.f1(0)).isCloseTo(2 / 5.0, within(1e-15));
    assertThat(r.support(1)).isEqualTo(4);
    assertThat(r.support(0)).isEqualTo(2);
    assertThat(r.accuracy()).isEqualTo(Metrics.binaryAccuracy(P, Y));
  }

  @Test
  void aClassNeverPredictedHasZeroPrecisionNotNaN() {
    ClassificationReport r = ClassificationReport.of(Matrix.ofRows(new double[] {0.1, 0.2}),
        Matrix.ofRows(new double[] {1, 0}));
    assertThat(r.precision(1)).isZero();
    assertThat(r.f1(1)).isZero();
  }

  @Test
  void formatShowsEveryClassAndTheConfusionMatrix() {
    String text = ClassificationReport.of(P, Y).format("non-cat", "cat");
    assertThat(text).contains("precision", "recall", "f1-score", "support", "Confusion matrix");
    assertThat(text).containsPattern("\\s+cat\\s+0\\.6667\\s+0\\.5000\\s+0\\.5714\\s+4");
    assertThat(text).containsPattern("non-cat\\s+1\\s+1\\R");
    assertThat(text).containsPattern("\\s+cat\\s+2\\s+2\\R");
  }

  @Test
  void labelsOtherThanZeroOrOneAreRejected() {
    assertThatThrownBy(() -> ClassificationReport.of(Matrix.ofRows(new double[] {0.9}), Matrix.ofRows(new double[] {2})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("label 2.0 at example 0, expected 0 or 1");
  }
}
