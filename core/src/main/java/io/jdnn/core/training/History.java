package io.jdnn.core.training;

import java.util.List;

/**
 * The record of one training run.
 *
 * @param costs the cost of every iteration (optimizer step), before its update
 * @param epochs one summary per completed epoch
 * @param bestEpoch the epoch with the lowest monitored cost (validation cost with a validation
 *     set, else training cost); with early stopping and restoring, the weights are that epoch's
 * @param stoppedEarly whether early stopping ended training (its patience ran out), restoring the
 *     best epoch's weights unless told not to
 *
 * <pre>{@code
 * History h = trainer.fit(x, y, 100);
 * double lastCost = h.costs()[h.costs().length - 1];
 * }</pre>
 */
public record History(double[] costs, List<EpochSummary> epochs, int bestEpoch, boolean stoppedEarly) {

  /** The summary of the last epoch trained. */
  public EpochSummary last() {
    return epochs.get(epochs.size() - 1);
  }

  /** The summary of the best epoch. */
  public EpochSummary best() {
    return epochs.get(bestEpoch);
  }
}
