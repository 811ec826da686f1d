package io.jdnn.core;

import java.util.List;

/**
 * Updates parameters from their gradients.
 *
 * <p><b>Lifecycle.</b> A training loop calls {@link #initialize} once with the parameters it will
 * train (an optimizer with state, such as momentum, allocates it there), then {@link #step} once
 * per batch, after the backward pass has filled every gradient. {@link #reset} forgets any state,
 * so the same optimizer can train again from scratch.
 *
 * <pre>{@code
 * Optimizer sgd = new SGD(0.0075);
 * sgd.initialize(model.parameters());
 * sgd.step(model.parameters());
 * }</pre>
 */
public interface Optimizer {

  /** Called once before the first step, with the parameters {@link #step} will receive. */
  default void initialize(List<Parameter> parameters) {}

  /** Changes every parameter's value in place from its gradient. */
  void step(List<Parameter> parameters);

  /** Forgets state kept between steps. */
  default void reset() {}
}
