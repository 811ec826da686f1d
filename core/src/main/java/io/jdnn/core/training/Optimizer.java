package io.jdnn.core.training;

import io.jdnn.core.nn.Parameter;
import java.util.List;

/**
 * Updates parameters from their gradients.
 *
 * <p><b>Lifecycle.</b>
 * <ol>
 *   <li>{@link #initialize} once, with the parameters it will train, before the first step: an
 *       optimizer with state (momentum's velocity, Adam's moments) allocates it here, zeroed, one
 *       buffer per parameter in the list's order, and resets its step count to 0.
 *   <li>{@link #step} once per batch, after the backward pass has filled every gradient, with the
 *       same list: it changes the values in place and allocates nothing. The step count {@code t}
 *       it keeps picks the learning rate from its {@link LearningRateSchedule} and drives Adam's
 *       bias correction.
 *   <li>{@link #reset} forgets all state (buffers and step count), so the same optimizer can train
 *       again from scratch; {@link #initialize} calls it.
 * </ol>
 * Calling {@link #step} without {@link #initialize}, or with other parameters, is an
 * {@link IllegalStateException} for optimizers that keep state.
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
