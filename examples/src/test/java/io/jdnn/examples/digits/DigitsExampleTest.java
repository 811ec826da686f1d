package io.jdnn.examples.digits;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.examples.ProjectData;
import org.junit.jupiter.api.Test;

class DigitsExampleTest {
  @Test
  void theReadmeNetworkLearnsTheBundledDigits() {
    // The bar for the example: at least 0.94 on the 2,000 test digits (seeded, so the same
    // number every run and on any thread count).
    assertThat(DigitsExample.run(ProjectData.datasets().resolve("digits"), 10)).isGreaterThanOrEqualTo(0.94);
  }
}
