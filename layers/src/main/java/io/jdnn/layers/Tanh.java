package io.jdnn.layers;

import io.jdnn.core.nn.Activation;

/**
 * The hyperbolic tangent: {@code a = tanh(z)}, {@code f'(z) = 1 - a^2}; zero-centred outputs in
 * (-1, 1).
 *
 * <pre>{@code
 * Sequential.of(new Dense(2, 4), new Tanh(), new Dense(4, 1), new Sigmoid());
 * }</pre>
 */
public final class Tanh extends Activation {

  @Override
  public double apply(double z) {
    return Math.tanh(z);
  }

  @Override
  public double derivative(double z, double a) {
    return 1.0 - a * a;
  }
}
