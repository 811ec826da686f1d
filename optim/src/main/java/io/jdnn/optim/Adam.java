package io.jdnn.optim;

import io.jdnn.core.kernel.AdamRule;
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
 * Adam (Kingma and Ba 2015), with bias correction, as the course writes it: at step
 * {@code t = 1, 2, ...}, for every parameter,
 * <pre>
 * m = beta1 m + (1 - beta1) g          v = beta2 v + (1 - beta2) g^2
 * mHat = m / (1 - beta1^t)             vHat = v / (1 - beta2^t)
 * theta = theta - lr_t * mHat / (sqrt(vHat) + epsilon)
 * </pre>
 * with {@code m} and {@code v} starting at zero. The correction undoes the pull towards zero of
 * the first steps: the first step moves every weight by about {@code lr} against its gradient's
 * sign.
 *
 * <p>Every weight moves by about {@code lr} per step whatever its gradient's size, so with many
 * inputs (the cat data's 12288 raw pixels) keep the rate small, around 1e-5..1e-4: at 1e-4 on
 * batches of 64 the course's 2-layer network trains while its 4-layer one stays on the
 * majority-class plateau (docs/beyond-the-course.md).
 *
 * <p>A checkpoint ({@link Stateful}) holds the step count {@code t} (the bias correction's and the
 * schedule's position), the moments {@code m.0, m.1, ...} and {@code v.0, v.1, ...} (one per
 * parameter, in order), the betas and epsilon, and the schedule's state.
 *
 * <pre>{@code
 * Optimizer adam = new Adam(1e-4);                       // beta1 0.9, beta2 0.999, epsilon 1e-8
 * Optimizer custom = new Adam(LearningRateSchedule.constant(1e-3), 0.9, 0.99, 1e-7);
 * }</pre>
 */
public final class Adam implements Optimizer, Stateful {
  private final LearningRateSchedule schedule;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final AdamRule rule;
  private final State first = new State("Adam");
  private final State second = new State("Adam");
  private long t;

  /**
   * @param schedule the learning rate per step
   * @param beta1 decay of the mean of the gradients, in [0, 1)
   * @param beta2 decay of the mean of the squared gradients, in [0, 1)
   * @param epsilon added to the denominator, positive
   */
  public Adam(LearningRateSchedule schedule, double beta1, double beta2, double epsilon) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.rule = new AdamRule(beta1, beta2, epsilon); // checks the betas and epsilon
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  public Adam(double learningRate, double beta1, double beta2, double epsilon) {
    this(LearningRateSchedule.constant(learningRate), beta1, beta2, epsilon);
  }

  /** The usual defaults: beta1 0.9, beta2 0.999, epsilon 1e-8. */
  public Adam(double learningRate) {
    this(learningRate, 0.9, 0.999, 1e-8);
  }

  /** As {@link #Adam(double)} with a schedule. */
  public Adam(LearningRateSchedule schedule) {
    this(schedule, 0.9, 0.999, 1e-8);
  }

  @Override
  public void initialize(List<Parameter> parameters) {
    first.allocate(parameters);
    second.allocate(parameters);
    t = 0;
  }

  @Override
  public void step(List<Parameter> parameters) {
    double lr = schedule.rate(t);
    t++;
    Kernel kernel = Kernels.get();
    for (int i = 0; i < parameters.size(); i++) {
      Parameter p = parameters.get(i);
      // The whole rule in one pass over the parameter's elements (moments, corrections, update).
      kernel.adamStep(rule, lr, t, first.of(parameters, i), second.of(parameters, i), p.gradient(), p.value());
    }
  }

  /** Steps taken since {@link #initialize}. */
  public long steps() {
    return t;
  }

  @Override
  public void reset() {
    first.clear();
    second.clear();
    t = 0;
  }

  @Override
  public void saveState(TrainingState state) {
    state.putSetting("beta1", beta1);
    state.putSetting("beta2", beta2);
    state.putSetting("epsilon", epsilon);
    state.putLong("t", t);
    first.save(state, "m");
    second.save(state, "v");
    Schedules.save(schedule, state);
  }

  /** Call after {@link #initialize}, with parameters of the saved shapes. */
  @Override
  public void restoreState(TrainingState state) {
    state.requireSetting("beta1", beta1);
    state.requireSetting("beta2", beta2);
    state.requireSetting("epsilon", epsilon);
    Schedules.restore(schedule, state);
    long steps = Schedules.steps(state);
    first.restore(state, "m");
    second.restore(state, "v");
    t = steps;
  }

  @Override
  public String toString() {
    return "Adam(learningRate=" + schedule + ", beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon + ")";
  }
}
