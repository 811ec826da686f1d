package io.jdnn.examples.spiral;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.metrics.Metrics;
import io.jdnn.core.training.dataset.Dataset;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SpiralClassifierTest {

  @Test
  void softmaxNetworkWithAdamLearnsTheSpiral() {
    StringWriter text = new StringWriter();
    SpiralClassifier.Result r = SpiralClassifier.run(100, 100, 300, 32, 0.01, 0, 100, new PrintWriter(text, true));
    assertThat(r.report().accuracy()).isGreaterThanOrEqualTo(0.95);
    Dataset spiral = Spiral.generate(100, 3, new NumpyRandom(0));
    assertThat(Metrics.accuracy(r.model().predict(spiral.x()), spiral.y())).isEqualTo(r.report().accuracy());
    assertThat(text.toString()).contains("Softmax()").contains("Total parameters: 603 in 4 layers")
        .contains("Cost after epoch 299");
    double first = r.history().epochs().get(0).trainCost();
    double last = r.history().last().trainCost();
    assertThat(last).isLessThan(first / 5);
  }

  @Test
  void spiralArmsAreOneHotAndWithinTheUnitDisc() {
    Dataset d = Spiral.generate(50, 3, new NumpyRandom(4));
    assertThat(d.x().rows()).isEqualTo(2);
    assertThat(d.y().rows()).isEqualTo(3);
    for (int j = 0; j < d.count(); j++) {
      double r2 = d.x().get(0, j) * d.x().get(0, j) + d.x().get(1, j) * d.x().get(1, j);
      assertThat(r2).isLessThanOrEqualTo(1.0 + 1e-12);
      assertThat(d.y().get(0, j) + d.y().get(1, j) + d.y().get(2, j)).isEqualTo(1.0);
      assertThat(d.y().get(j / 50, j)).as("arm of point " + j).isEqualTo(1.0);
    }
  }
}
