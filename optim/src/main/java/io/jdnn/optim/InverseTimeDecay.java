package io.jdnn.optim;

import io.jdnn.core.training.LearningRateSchedule;
import io.jdnn.core.training.state.Stateful;
import io.jdnn.core.training.state.TrainingState;

/**
 * Inverse-time decay, the course's {@code lr0 / (1 + decay_rate * epoch_num)}:
 * {@code lr_t = initial / (1 + decayRate * t / steps)}.
 *
 * <pre>{@code
 * new InverseTimeDecay(0.01, 1, 100).rate(100); // 0.01 / 2
 * }</pre>
 *
 * @param initial the rate of step 0, positive
 * @param decayRate how fast the rate falls, at least 0
 * @param steps the time unit in steps (1: per step; the number of batches per epoch: per epoch)
 */
public record InverseTimeDecay(double initial, double decayRate, long steps) implements LearningRateSchedule, Stateful {

  /** Checks the ranges. */
  public InverseTimeDecay {
    Schedules.requireRate(initial);
    if (!(decayRate >= 0) || !Double.isFinite(decayRate)) {
      throw new IllegalArgumentException("inverse-time decay rate must be finite and at least 0, got " + decayRate);
    }
    Schedules.requireSteps(steps, "inverse-time decay steps");
  }

  @Override
  public double rate(long step) {
    return initial / (1 + decayRate * ((double) step / steps));
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
