package io.jdnn.core;

import java.util.Objects;

/**
 * A trainable tensor and its gradient, the pair an {@link Optimizer} updates without knowing which
 * layer owns it. The layer's backward pass writes {@link #gradient()}; the optimizer then changes
 * {@link #value()} in place.
 *
 * <pre>{@code
 * for (Parameter p : model.parameters()) {
 *   kernel.axpy(-learningRate, p.gradient(), p.value());
 * }
 * }</pre>
 */
public final class Parameter {
  private final String name;
  private final Matrix value;
  private final Matrix gradient;

  /** A parameter called {@code name} (e.g. {@code "W"}), with a zero gradient of the same shape. */
  public Parameter(String name, Matrix value) {
    this.name = Objects.requireNonNull(name, "name");
    this.value = Objects.requireNonNull(value, "value");
    this.gradient = Matrix.zeros(value.rows(), value.cols());
  }

  /** The name inside its layer, e.g. {@code "W"} or {@code "b"}. */
  public String name() {
    return name;
  }

  public Matrix value() {
    return value;
  }

  /** dCost/dValue from the latest backward pass; same shape as the value. */
  public Matrix gradient() {
    return gradient;
  }

  @Override
  public String toString() {
    return name + " " + value.shape();
  }
}
