package io.jdnn.core.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.kernel.Kernels;
import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.Layer;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.dataset.Dataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Early stopping puts back a layer's buffers (e.g. batch normalization's running averages) with
 * the weights: both belong to the best epoch.
 */
class TrainerBuffersTest {

  /** The identity in training and inference, with a buffer counting its training passes. */
  private static final class CountingIdentity implements Layer {
    private final Parameter calls = new Parameter("calls", Matrix.zeros(1, 1), false);

    @Override
    public int outputSize(int inputSize) {
      return inputSize;
    }

    @Override
    public Matrix forward(Matrix x) {
      calls.value().data()[0]++;
      return x;
    }

    @Override
    public Matrix backward(Matrix outputGradient, boolean inputGradientNeeded) {
      return inputGradientNeeded ? outputGradient : null;
    }

    @Override
    public Matrix predict(Matrix x) {
      return x.copy();
    }

    @Override
    public List<Parameter> buffers() {
      return List.of(calls);
    }
  }

  @Test
  void earlyStoppingRestoresTheBuffersOfTheBestEpoch() {
    Dataset d = Fixtures.data(3, 20, 5);
    Sequential base = Fixtures.network(3, 2);
    List<Layer> layers = new ArrayList<>(base.layers());
    CountingIdentity counter = new CountingIdentity();
    layers.add(1, counter);
    Sequential model = Sequential.of(layers);
    // Gradient ascent: the training cost rises every epoch, so epoch 0 stays the best.
    Optimizer ascent = parameters -> {
      for (Parameter p : parameters) {
        Kernels.get().axpy(0.5, p.gradient(), p.value());
      }
    };
    History h = new Trainer(model, new Fixtures.CrossEntropy(), ascent).earlyStopping(2).fit(d.x(), d.y(), 50);
    assertThat(h.stoppedEarly()).isTrue();
    assertThat(h.bestEpoch()).isZero();
    assertThat(h.epochs()).hasSize(3);
    // Three full-batch epochs ran three training passes; epoch 0's count (1) is put back.
    assertThat(counter.calls.value().get(0, 0)).isEqualTo(1.0);
  }
}
