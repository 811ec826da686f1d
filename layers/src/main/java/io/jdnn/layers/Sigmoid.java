package io.jdnn.layers;

import io.jdnn.core.nn.Activation;

/**
 * The logistic function: {@code a = 1 / (1 + exp(-z))}, {@code f'(z) = a (1 - a)}; the output
 * layer of a binary classifier, read as the probability of class 1.
 *
 * <pre>{@code
 * Sequential.of(new Dense(7, 1), new Sigmoid());
 * }</pre>
 */
public final class Sigmoid extends Activation {

  @Override
  public double apply(double z) {
    return 1.0 / (1.0 + Math.exp(-z));
  }

  @Override
  public double derivative(double z, double a) {
    return a * (1.0 - a);
  }
}
