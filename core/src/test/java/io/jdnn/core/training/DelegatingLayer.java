package io.jdnn.core.training;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Layer;
import io.jdnn.core.nn.Parameter;
import java.util.List;

/** A layer that does what {@code inner} does; tests override one method to break it on purpose. */
abstract class DelegatingLayer implements Layer {
  final Layer inner;

  DelegatingLayer(Layer inner) {
    this.inner = inner;
  }

  @Override
  public int outputSize(int inputSize) {
    return inner.outputSize(inputSize);
  }

  @Override
  public void initialize(Initializer initializer, NumpyRandom rng) {
    inner.initialize(initializer, rng);
  }

  @Override
  public List<Parameter> parameters() {
    return inner.parameters();
  }

  @Override
  public Matrix forward(Matrix input) {
    return inner.forward(input);
  }

  @Override
  public Matrix predict(Matrix input) {
    return inner.predict(input);
  }

  @Override
  public Matrix backward(Matrix outputGradient, boolean inputGradientNeeded) {
    return inner.backward(outputGradient, inputGradientNeeded);
  }
}
