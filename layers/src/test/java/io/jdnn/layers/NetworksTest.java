package io.jdnn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.GradientCheck;
import io.jdnn.losses.BinaryCrossEntropy;
import org.junit.jupiter.api.Test;

class NetworksTest {

  @Test
  void courseArchitectureAlternatesDenseAndActivations() {
    Sequential net = Networks.reluSigmoid(12288, 20, 7, 5, 1);
    assertThat(net.toString()).isEqualTo("Sequential[Dense(in=12288, out=20), ReLU(), Dense(in=20, out=7), ReLU(), "
        + "Dense(in=7, out=5), ReLU(), Dense(in=5, out=1), Sigmoid()]");
    assertThat(net.parameters()).hasSize(8);
  }

  @Test
  void wholeModelGradientMatchesFiniteDifferences() {
    Sequential net = Networks.reluSigmoid(6, 4, 3, 1).initialize(Initializer.LECUN, new NumpyRandom(3));
    NumpyRandom rng = new NumpyRandom(4);
    Matrix x = Matrix.zeros(6, 7);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = rng.nextGaussian();
    }
    Matrix y = Matrix.ofRows(new double[] {1, 0, 0, 1, 1, 0, 1});
    assertThat(GradientCheck.ofModel(net, new BinaryCrossEntropy(), x, y, 1e-7)).isLessThan(1e-7);
  }

  @Test
  void wrongInputShapeNamesTheLayer() {
    Sequential net = Networks.reluSigmoid(6, 4, 1);
    assertThatThrownBy(() -> net.forward(Matrix.zeros(5, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Dense(in=6, out=4): input is 5x2, expected 6 rows");
  }

  @Test
  void denseSizesThatDoNotChainAreRejected() {
    assertThatThrownBy(() -> Sequential.of(new Dense(4, 3), new ReLU(), new Dense(2, 1)))
        .hasMessageContaining("layer 3 Dense(in=2, out=1) does not fit after layer 2 ReLU()")
        .hasMessageContaining("takes 2 features, got 3");
  }
}
