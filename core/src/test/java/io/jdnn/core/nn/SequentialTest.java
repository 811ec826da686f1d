package io.jdnn.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequentialTest {

  /** A layer of fixed sizes that records how backward was called. */
  static final class Probe implements Layer {
    final int in;
    final int out;
    final List<Boolean> inputGradientRequests = new ArrayList<>();

    Probe(int in, int out) {
      this.in = in;
      this.out = out;
    }

    @Override
    public int outputSize(int inputSize) {
      if (inputSize != ANY_SIZE && inputSize != in) {
        throw new IllegalArgumentException("takes " + in + ", got " + inputSize);
      }
      return out;
    }

    @Override
    public Matrix forward(Matrix input) {
      return Matrix.zeros(out, input.cols());
    }

    @Override
    public Matrix backward(Matrix outputGradient, boolean inputGradientNeeded) {
      inputGradientRequests.add(inputGradientNeeded);
      return inputGradientNeeded ? Matrix.zeros(in, outputGradient.cols()) : null;
    }

    @Override
    public Matrix predict(Matrix input) {
      return forward(input);
    }

    @Override
    public String toString() {
      return "Probe(" + in + "->" + out + ")";
    }
  }

  @Test
  void layersThatDoNotChainAreRejectedNamingBoth() {
    assertThatThrownBy(() -> Sequential.of(new Probe(4, 3), new Probe(5, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("layer 2 Probe(5->1)")
        .hasMessageContaining("layer 1 Probe(4->3)")
        .hasMessageContaining("takes 5, got 3");
  }

  @Test
  void anEmptyModelIsRejected() {
    assertThatThrownBy(() -> Sequential.of()).hasMessageContaining("at least one layer");
  }

  @Test
  void backwardNeverAsksTheFirstLayerForTheDataGradient() {
    Probe first = new Probe(4, 3);
    Probe second = new Probe(3, 2);
    Probe third = new Probe(2, 1);
    Sequential model = Sequential.of(first, second, third);
    model.forward(Matrix.zeros(4, 5));
    model.backward(Matrix.zeros(1, 5));
    assertThat(first.inputGradientRequests).containsExactly(false);
    assertThat(second.inputGradientRequests).containsExactly(true);
    assertThat(third.inputGradientRequests).containsExactly(true);
  }

  @Test
  void printsItsLayers() {
    assertThat(Sequential.of(new Probe(4, 3), new Probe(3, 1)).toString())
        .isEqualTo("Sequential[Probe(4->3), Probe(3->1)]");
  }
}
