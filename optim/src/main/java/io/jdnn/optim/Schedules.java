package io.jdnn.optim;

import io.jdnn.core.training.state.IncompatibleStateException;
import io.jdnn.core.training.LearningRateSchedule;
import io.jdnn.core.training.state.IncompatibleStateException;
import io.jdnn.core.training.state.Stateful;
import io.jdnn.core.training.state.TrainingState;
import java.util.Locale;

/**
 * Learning-rate schedules from text, for command lines: {@code constant},
 * {@code step:FACTOR:EVERY}, {@code exp:RATE:STEPS}, {@code inverse:RATE:STEPS}, each starting at
 * the given initial rate (see {@link StepDecay}, {@link ExponentialDecay},
 * {@link InverseTimeDecay}).
 *
 * <pre>{@code
 * LearningRateSchedule s = Schedules.parse("step:0.5:1000", 0.0075);
 * }</pre>
 */
public final class Schedules {
  /** The forms {@link #parse} accepts. */
  public static final String FORMS = "constant, step:FACTOR:EVERY, exp:RATE:STEPS, inverse:RATE:STEPS";

  private Schedules() {}

  /** The schedule {@code spec} describes, starting at {@code initial}. */
  public static LearningRateSchedule parse(String spec, double initial) {
    String[] parts = spec.trim().toLowerCase(Locale.ROOT).split(":");
    try {
      switch (parts[0]) {
        case "constant":
          if (parts.length == 1) {
            return LearningRateSchedule.constant(initial);
          }
          break;
        case "step":
          if (parts.length == 3) {
            return new StepDecay(initial, Double.parseDouble(parts[1]), Long.parseLong(parts[2]));
          }
          break;
        case "exp":
          if (parts.length == 3) {
            return new ExponentialDecay(initial, Double.parseDouble(parts[1]), Long.parseLong(parts[2]));
          }
          break;
        case "inverse":
          if (parts.length == 3) {
            return new InverseTimeDecay(initial, Double.parseDouble(parts[1]), Long.parseLong(parts[2]));
          }
          break;
        default:
          break;
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("learning-rate schedule '" + spec + "' has a number that is not one ("
          + e.getMessage() + "); expected one of: " + FORMS, e);
    }
    throw new IllegalArgumentException("unknown learning-rate schedule '" + spec + "', expected one of: " + FORMS);
  }

  /** Saves {@code schedule}'s state, if it keeps any ({@link Stateful}), under {@code schedule}. */
  static void save(LearningRateSchedule schedule, TrainingState state) {
    if (schedule instanceof Stateful s) {
      s.saveState(state.scope("schedule"));
    }
  }

  /** Restores what {@link #save} saved. */
  static void restore(LearningRateSchedule schedule, TrainingState state) {
    if (schedule instanceof Stateful s) {
      s.restoreState(state.scope("schedule"));
    }
  }

  /** The step count saved under {@code t}, which must not be negative. */
  static long steps(TrainingState state) {
    long t = state.getLong("t");
    if (t < 0) {
      throw new IncompatibleStateException("t", "the saved step count t is " + t + ", expected at least 0");
    }
    return t;
  }

  static void requireRate(double initial) {
    if (!(initial > 0) || !Double.isFinite(initial)) {
      throw new IllegalArgumentException("initial learning rate must be positive and finite, got " + initial);
    }
  }

  static void requireSteps(long steps, String what) {
    if (steps < 1) {
      throw new IllegalArgumentException(what + " must be at least 1 step, got " + steps);
    }
  }
}
