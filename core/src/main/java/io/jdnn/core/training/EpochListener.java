package io.jdnn.core.training;

/**
 * Told at the end of every training epoch, with its costs and validation metrics.
 *
 * <pre>{@code
 * trainer.epochListener(e -> log.info("epoch {}: validation accuracy {}", e.epoch(), e.validationAccuracy()));
 * }</pre>
 */
@FunctionalInterface
public interface EpochListener {
  void onEpoch(EpochSummary summary);
}
