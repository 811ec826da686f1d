package io.jdnn.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void accuracyThresholdsAtOneHalfExclusive() {
    Matrix p = Matrix.ofRows(new double[] {0.9, 0.5, 0.51, 0.1, 0.7});
    Matrix y = Matrix.ofRows(new double[] {1, 0, 1, 1, 0});
    // predictions 1, 0, 1, 0, 1 against 1, 0, 1, 1, 0: three right
    assertThat(Metrics.binaryAccuracy(p, y)).isEqualTo(3.0 / 5);
  }
}
