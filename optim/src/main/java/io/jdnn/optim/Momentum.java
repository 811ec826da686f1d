package io.jdnn.optim;

import io.jdnn.core.kernel.Kernel;
import io.jdnn.core.kernel.Kernels;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.training.LearningRateSchedule;
import io.jdnn.core.training.Optimizer;
import io.jdnn.core.training.state.Stateful;
import io.jdnn.core.training.state.TrainingState;
import java.util.List;
import java.util.Objects;

/**
 * Gradient descent with momentum, as the course writes it: for every parameter,
 * {@code v = beta * v + (1 - beta) * dTheta}, then {@code theta = theta - lr_t * v}; {@code v}
 * starts at zero. {@code beta = 0} is plain gradient descent; the course's default is 0.9.
 *
 * <p>A checkpoint ({@link Stateful}) holds the step count {@code t}, the velocities
 * {@code velocity.0, velocity.1, ...} (one per parameter, in order), beta and the schedule's state.
 *
 * <pre>{@code
 * Optimizer momentum = new Momentum(0.0075, 0.9);
 * }</pre>
 */
public final class Momentum implements Optimizer, Stateful {
  private final LearningRateSchedule schedule;
  private final double beta;
  private final State velocity = new State("Momentum");
  private long t;

  /**
   * @param schedule the learning rate per step
   * @param beta the velocity's decay, in [0, 1)
   */
  public Momentum(LearningRateSchedule schedule, double beta) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    if (!(beta >= 0 && beta < 1)) {
      throw new IllegalArgumentException("momentum beta must be in [0, 1), got " + beta);
    }
    this.beta = beta;
  }

  public Momentum(double learningRate, double beta) {
    this(LearningRateSchedule.constant(learningRate), beta);
  }

  public double beta() {
    return beta;
  }

  @Override
  public void initialize(List<Parameter> parameters) {
    velocity.allocate(parameters);
    t = 0;
  }

  @Override
  public void step(List<Parameter> parameters) {
    double lr = schedule.rate(t);
    Kernel kernel = Kernels.get();
    for (int i = 0; i < parameters.size(); i++) {
      Parameter p = parameters.get(i);
      kernel.momentumStep(beta, lr, velocity.of(parameters, i), p.gradient(), p.value());
    }
    t++;
  }

  @Override
  public void reset() {
    velocity.clear();
    t = 0;
  }

  @Override
  public void saveState(TrainingState state) {
    state.putSetting("beta", beta);
    state.putLong("t", t);
    velocity.save(state, "velocity");
    Schedules.save(schedule, state);
  }

  /** Call after {@link #initialize}, with parameters of the saved shapes. */
  @Override
  public void restoreState(TrainingState state) {
    state.requireSetting("beta", beta);
    Schedules.restore(schedule, state);
    long steps = Schedules.steps(state);
    velocity.restore(state, "velocity");
    t = steps;
  }

  @Override
  public String toString() {
    return "Momentum(learningRate=" + schedule + ", beta=" + beta + ")";
  }
}
