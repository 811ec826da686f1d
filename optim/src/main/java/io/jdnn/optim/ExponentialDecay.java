package io.jdnn.optim;

import io.jdnn.core.training.LearningRateSchedule;
import io.jdnn.core.training.state.Stateful;
import io.jdnn.core.training.state.TrainingState;

/**
 * Exponential decay: {@code lr_t = initial * rate^(t / steps)}, smooth, multiplied by
 * {@code rate} every {@code steps} steps.
 *
 * <pre>{@code
 * new ExponentialDecay(0.01, 0.96, 100).rate(50); // 0.01 * 0.96^0.5
 * }</pre>
 *
 * @param initial the rate of step 0, positive
 * @param rate the decay per {@code steps} steps, in (0, 1]
 * @param steps the steps over which the rate is multiplied by {@code rate}, at least 1
 */
public record ExponentialDecay(double initial, double rate, long steps) implements LearningRateSchedule, Stateful {

  /** Checks the ranges. */
  public ExponentialDecay {
    Schedules.requireRate(initial);
    if (!(rate > 0 && rate <= 1)) {
      throw new IllegalArgumentException("exponential decay rate must be in (0, 1], got " + rate);
    }
    Schedules.requireSteps(steps, "exponential decay steps");
  }

  @Override
  public double rate(long step) {
    return initial * Math.pow(rate, (double) step / steps);
  }

  /** Saves the definition only: the position is the step count its optimizer saves. */
  @Override
  public void saveState(TrainingState state) {
    state.putSetting("schedule", this);
  }

  /** Refuses the state of another schedule. */
  @Override
  public void restoreState(TrainingState state) {
    state.requireSetting("schedule", this);
  }
}
