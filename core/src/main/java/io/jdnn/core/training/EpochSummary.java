package io.jdnn.core.training;

import io.jdnn.core.metrics.Metrics;

/**
 * What one training epoch achieved, told to {@link EpochListener}s and kept in {@link History}.
 *
 * @param epoch the epoch, 0 for the first
 * @param iterations optimizer steps taken so far, this epoch's included
 * @param trainCost the mean of this epoch's batch costs (each before its update), weighted by
 *     batch size; with one full batch, the course's cost of that iteration
 * @param validationCost the cost on the validation set after this epoch's updates, or NaN
 *     without a validation set
 * @param validationAccuracy the accuracy on the validation set after this epoch's updates (see
 *     {@link Metrics#accuracy}), or NaN without a validation set
 */
public record EpochSummary(int epoch, long iterations, double trainCost, double validationCost,
    double validationAccuracy) {

  /** Whether a validation set was scored. */
  public boolean hasValidation() {
    return !Double.isNaN(validationCost);
  }
}
