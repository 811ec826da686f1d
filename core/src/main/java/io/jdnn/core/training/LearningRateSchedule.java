package io.jdnn.core.training;

import io.jdnn.core.training.state.Stateful;
import io.jdnn.core.training.state.TrainingState;

/**
 * The learning rate as a function of the update count {@code t = 0, 1, 2, ...} (the number of
 * optimizer steps taken before this one). Optimizers take a schedule instead of a fixed rate, so
 * any schedule works with any optimizer; with full-batch training one step is one epoch.
 *
 * <p>Implementations (in the {@code optim} module): constant, step decay
 * {@code lr0 * factor^floor(t / every)}, exponential {@code lr0 * rate^(t / steps)}, inverse time
 * {@code lr0 / (1 + rate * t / steps)}.
 *
 * <p><b>Checkpoints.</b> A schedule is a function of the step count, which its optimizer saves
 * and restores, so a resumed run continues the schedule where it stopped. A schedule that keeps
 * more (one that reacts to the costs, say) implements {@link Stateful}, and optimizers save it with
 * their own state; the built-in ones implement it to save their definition, so that a checkpoint
 * is not resumed under another schedule.
 *
 * <pre>{@code
 * LearningRateSchedule halving = t -> 0.01 * Math.pow(0.5, t / 1000);
 * Optimizer adam = new Adam(halving, 0.9, 0.999, 1e-8);
 * }</pre>
 */
@FunctionalInterface
public interface LearningRateSchedule {

  /** The learning rate of update {@code step} (0 for the first update); positive. */
  double rate(long step);

  /** A schedule that always gives {@code learningRate}, which must be positive and finite. */
  static LearningRateSchedule constant(double learningRate) {
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
    }
    final class Constant implements LearningRateSchedule, Stateful {
      @Override
      public double rate(long step) {
        return learningRate;
      }

      /** No state but the rate, saved so that a checkpoint is not resumed at another one. */
      @Override
      public void saveState(TrainingState state) {
        state.putSetting("schedule", this);
      }

      @Override
      public void restoreState(TrainingState state) {
        state.requireSetting("schedule", this);
      }

      @Override
      public String toString() {
        return "constant(" + learningRate + ")";
      }
    }
    return new Constant();
  }
}
