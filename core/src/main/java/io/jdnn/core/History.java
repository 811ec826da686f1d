package io.jdnn.core;

import java.util.List;

/**
 * The record of one training run.
 *
 * @param costs the cost of every iteration (optimizer step), before its update
 * @param epochs one summary per completed epoch
 * @param bestEpoch the epoch with the lowest monitored cost (validation cost with a validation
 *     set, else training cost); with early stopping and restoring, the weights are that epoch's
 * @param stoppedEarly whether early stopping ended training before the last epoch
 *
 * <pre>{@code
 * History h = trainer.train(x, y, 100);
 * double lastCost = h.costs()[h.costs().length - 1];
 * }</pre>
 */
public record History(double[] costs, List<EpochSummary> epochs, int bestEpoch, boolean stoppedEarly) {

  /** The summary of the best epoch. */
  public EpochSummary best() {
    return epochs.get(bestEpoch);
  }
}
