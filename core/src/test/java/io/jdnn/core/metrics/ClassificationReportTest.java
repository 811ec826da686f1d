package io.jdnn.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jdnn.core.math.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {
  // Predicted (p > 0.5): 1 0 1 0 1 0; true: 1 1 0 1 1 0.
  private static final Matrix P = Matrix.ofRows(new double[] {0.9, 0.2, 0.7, 0.4, 0.6, 0.1});
  private static final Matrix Y = Matrix.ofRows(new double[] {1, 1, 0, 1, 1, 0});

  @Test
  void countsAndScoresMatchAWorkedExample() {
    ClassificationReport r = ClassificationReport.of(P, Y);
    // tp = 2, fp = 1, tn = 1, fn = 2
    assertThat(r.confusion().count(1, 1)).isEqualTo(2);
    assertThat(r.confusion().count(0, 1)).isEqualTo(1);
    assertThat(r.confusion().count(0, 0)).isEqualTo(1);
    assertThat(r.confusion().count(1, 0)).isEqualTo(2);
    assertThat(r.precision(1)).isCloseTo(2 / 3.0, within(1e-15));
    assertThat(r.recall(1)).isCloseTo(1 / 2.0, within(1e-15));
    assertThat(r.f1(1)).isCloseTo(4 / 7.0, within(1e-15));
    assertThat(r.precision(0)).isCloseTo(1 / 3.0, within(1e-15));
    assertThat(r.recall(0)).isCloseTo(1 / 2.0, within(1e-15));
    assertThat(r.f1(0)).isCloseTo(2 / 5.0, within(1e-15));
    assertThat(r.support(1)).isEqualTo(4);
    assertThat(r.support(0)).isEqualTo(2);
    assertThat(r.accuracy()).isEqualTo(Metrics.binaryAccuracy(P, Y));
    assertThat(r.rocAuc()).isEqualTo(Metrics.rocAuc(P, Y));
  }

  @Test
  void aClassNeverPredictedHasZeroPrecisionNotNaN() {
    ClassificationReport r = ClassificationReport.of(Matrix.ofRows(new double[] {0.1, 0.2}),
        Matrix.ofRows(new double[] {1, 0}));
    assertThat(r.precision(1)).isZero();
    assertThat(r.f1(1)).isZero();
  }

  @Test
  void printsEveryClassTheAveragesAndTheConfusionMatrix() {
    String text = ClassificationReport.of(P, Y, List.of("non-cat", "cat")).toString();
    assertThat(text).contains("precision", "recall", "f1-score", "support", "Confusion matrix");
    assertThat(text).containsPattern("\\s+cat\\s+0\\.6667\\s+0\\.5000\\s+0\\.5714\\s+4");
    assertThat(text).containsPattern("accuracy\\s+0\\.5000\\s+6");
    // macro avg of precision: (1/3 + 2/3) / 2 = 0.5; weighted F1: (0.4 * 2 + 4/7 * 4) / 6 = 0.5143
    assertThat(text).containsPattern("macro avg\\s+0\\.5000\\s+0\\.5000\\s+0\\.4857\\s+6");
    assertThat(text).containsPattern("weighted avg\\s+0\\.5556\\s+0\\.5000\\s+0\\.5143\\s+6");
    assertThat(text).contains(String.format(java.util.Locale.ROOT, "%.4f", Metrics.rocAuc(P, Y)));
    assertThat(text).containsPattern("non-cat\\s+1\\s+1\\R");
    assertThat(text).containsPattern("\\s+cat\\s+2\\s+2\\R");
  }

  @Test
  void multiClassScoresComeFromTheArgmax() {
    Matrix scores = Matrix.ofRows(new double[] {0.7, 0.1, 0.2}, new double[] {0.2, 0.8, 0.3}, new double[] {0.1, 0.1, 0.5});
    Matrix oneHot = Matrix.ofRows(new double[] {1, 0, 0}, new double[] {0, 1, 1}, new double[] {0, 0, 0});
    ClassificationReport r = ClassificationReport.of(scores, oneHot, List.of("a", "b", "c"));
    assertThat(r.accuracy()).isCloseTo(2 / 3.0, within(1e-15));
    assertThat(r.rocAuc()).isNaN();
    assertThat(r.toString()).doesNotContain("ROC AUC");
  }

  @Test
  void badInputIsNamed() {
    assertThatThrownBy(() -> ClassificationReport.of(Matrix.ofRows(new double[] {0.9}), Matrix.ofRows(new double[] {2})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is 2.0, expected 0 or 1");
    assertThatThrownBy(() -> ClassificationReport.of(P, Y, List.of("only one")))
        .hasMessageContaining("1 class names for 2 classes");
  }
}
