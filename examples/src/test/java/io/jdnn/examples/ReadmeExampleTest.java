package io.jdnn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadmeExampleTest {
  @Test
  void theReadmeNetworkTrainsOnTheCatData() {
    double[] costs = ReadmeExample.run(ProjectData.catvnoncat(), 40);
    assertThat(costs).hasSize(40);
    // an untrained sigmoid output starts near ln 2; 40 steps of gradient descent lower it
    assertThat(costs[0]).isBetween(0.6, 0.8);
    assertThat(costs[39]).isLessThan(costs[0]);
  }
}
