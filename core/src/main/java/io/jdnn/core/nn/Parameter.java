package io.jdnn.core.nn;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.training.Optimizer;
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
  private final boolean regularized;

  /**
   * A parameter called {@code name} (e.g. {@code "W"}), with a zero gradient of the same shape,
   * subject to L2 regularisation (a weight).
   */
  public Parameter(String name, Matrix value) {
    this(name, value, true);
  }

  /**
   * As {@link #Parameter(String, Matrix)}; {@code regularized} says whether an L2 penalty applies
   * to it: true for weights, false for biases, as the course regularises only the {@code W}s.
   */
  public Parameter(String name, Matrix value, boolean regularized) {
    this.name = Objects.requireNonNull(name, "name");
    this.value = Objects.requireNonNull(value, "value");
    this.gradient = Matrix.zeros(value.rows(), value.cols());
    this.regularized = regularized;
  }

  /** Whether L2 regularisation applies: true for weights, false for biases. */
  public boolean regularized() {
    return regularized;
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
