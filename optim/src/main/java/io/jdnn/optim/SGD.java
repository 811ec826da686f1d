package io.jdnn.optim;

import io.jdnn.core.kernel.Kernels;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.training.LearningRateSchedule;
import io.jdnn.core.training.Optimizer;
import io.jdnn.core.training.state.Stateful;
import io.jdnn.core.training.state.TrainingState;
import java.util.List;
import java.util.Objects;

/**
 * Plain gradient descent: {@code theta = theta - lr_t * dTheta} for every parameter, where
 * {@code lr_t} is the schedule's rate for step t. No state between steps but the step count,
 * which is all a checkpoint holds of it ({@link Stateful}: {@code t}, and the schedule's own).
 *
 * <pre>{@code
 * Optimizer sgd = new SGD(0.0075);
 * Optimizer decaying = new SGD(new InverseTimeDecay(0.0075, 1, 1000));
 * }</pre>
 */
public final class SGD implements Optimizer, Stateful {
  private final LearningRateSchedule schedule;
  private long t;

  /** @param learningRate the step size, positive and finite */
  public SGD(double learningRate) {
    this(LearningRateSchedule.constant(learningRate));
  }

  /** Gradient descent with the learning rate of {@code schedule}. */
  public SGD(LearningRateSchedule schedule) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
  }

  /** The learning rate of the first step. */
  public double learningRate() {
    return schedule.rate(0);
  }

  @Override
  public void initialize(List<Parameter> parameters) {
    reset();
  }

  @Override
  public void step(List<Parameter> parameters) {
    double lr = schedule.rate(t++);
    for (int i = 0; i < parameters.size(); i++) {
      Kernels.get().axpy(-lr, parameters.get(i).gradient(), parameters.get(i).value());
    }
  }

  @Override
  public void reset() {
    t = 0;
  }

  @Override
  public void saveState(TrainingState state) {
    state.putLong("t", t);
    Schedules.save(schedule, state);
  }

  @Override
  public void restoreState(TrainingState state) {
    Schedules.restore(schedule, state);
    t = Schedules.steps(state);
  }

  @Override
  public String toString() {
    return "SGD(learningRate=" + schedule + ")";
  }
}
