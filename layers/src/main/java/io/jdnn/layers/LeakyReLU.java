package io.jdnn.layers;

import io.jdnn.core.nn.Activation;

/**
 * The leaky rectified linear unit: {@code a = z if z > 0 else alpha * z},
 * {@code f'(z) = 1 if z > 0 else alpha}; a small slope for negative inputs keeps units from dying.
 *
 * <pre>{@code
 * Sequential.of(new Dense(4, 3), new LeakyReLU(0.01));
 * }</pre>
 */
public final class LeakyReLU extends Activation {
  private final double alpha;

  /** @param alpha the slope for negative inputs, finite and in [0, 1) */
  public LeakyReLU(double alpha) {
    if (!(alpha >= 0 && alpha < 1)) {
      throw new IllegalArgumentException("LeakyReLU slope alpha must be in [0, 1), got " + alpha);
    }
    this.alpha = alpha;
  }

  public double alpha() {
    return alpha;
  }

  @Override
  public double apply(double z) {
    return z > 0 ? z : alpha * z;
  }

  @Override
  public double derivative(double z, double a) {
    return z > 0 ? 1.0 : alpha;
  }

  @Override
  public String toString() {
    return "LeakyReLU(alpha=" + alpha + ")";
  }
}
