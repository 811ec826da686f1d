package io.jdnn.optim;

import io.jdnn.core.Optimizer;
import io.jdnn.core.Parameter;
import io.jdnn.core.kernel.Kernels;
import java.util.List;

/**
 * Plain gradient descent: {@code theta = theta - learningRate * dTheta} for every parameter. No
 * state between steps.
 *
 * <pre>{@code
 * Optimizer sgd = new SGD(0.0075);
 * }</pre>
 */
public final class SGD implements Optimizer {
  private final double learningRate;

  /** @param learningRate the step size, positive and finite */
  public SGD(double learningRate) {
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
    }
    this.learningRate = learningRate;
  }

  public double learningRate() {
    return learningRate;
  }

  @Override
  public void step(List<Parameter> parameters) {
    // Indexed, not for-each: the iterator of an unmodifiable list is an allocation per step.
    for (int i = 0; i < parameters.size(); i++) {
      Parameter p = parameters.get(i);
      Kernels.get().axpy(-learningRate, p.gradient(), p.value());
    }
  }

  @Override
  public String toString() {
    return "SGD(learningRate=" + learningRate + ")";
  }
}
