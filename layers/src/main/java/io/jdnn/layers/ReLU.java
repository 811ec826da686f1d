package io.jdnn.layers;

import io.jdnn.core.nn.Activation;

/**
 * The rectified linear unit: {@code a = max(0, z)}, {@code f'(z) = 1 if z > 0 else 0} (0 at z = 0,
 * as the course's {@code dZ[Z <= 0] = 0}).
 *
 * <pre>{@code
 * Sequential.of(new Dense(4, 3), new ReLU());
 * }</pre>
 */
public final class ReLU extends Activation {

  @Override
  public double apply(double z) {
    return z > 0 ? z : 0.0;
  }

  @Override
  public double derivative(double z, double a) {
    return z > 0 ? 1.0 : 0.0;
  }
}
