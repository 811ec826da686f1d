package io.jdnn.optim;

import io.jdnn.core.training.LearningRateSchedule;
import io.jdnn.core.training.state.Stateful;
import io.jdnn.core.training.state.TrainingState;

/**
 * Step decay: {@code lr_t = initial * factor^floor(t / every)}, the rate multiplied by
 * {@code factor} after every {@code every} steps.
 *
 * <pre>{@code
 * new StepDecay(0.01, 0.5, 1000).rate(2500); // 0.01 * 0.5^2 = 0.0025
 * }</pre>
 *
 * @param initial the rate of steps 0 .. every-1, positive
 * @param factor the multiplier, in (0, 1]
 * @param every the steps between drops, at least 1
 */
public record StepDecay(double initial, double factor, long every) implements LearningRateSchedule, Stateful {

  /** Checks the ranges. */
  public StepDecay {
    Schedules.requireRate(initial);
    if (!(factor > 0 && factor <= 1)) {
      throw new IllegalArgumentException("step decay factor must be in (0, 1], got " + factor);
    }
    Schedules.requireSteps(every, "step decay interval");
  }

  @Override
  public double rate(long step) {
    return initial * Math.pow(factor, step / every);
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
