package io.jdnn.core.training.dataset;

import io.jdnn.core.training.Trainer;

/**
 * Where a {@link Trainer} gets its batches: one pass over all examples per epoch, in batches.
 *
 * <p><b>Lifecycle.</b> The trainer calls {@link #startEpoch} at the start of every epoch (a source
 * shuffles there, or rewinds a file), then {@link #next()} while {@link #hasNext()}. A returned
 * {@link Batch} may be a buffer the source reuses: it is valid until the next call of
 * {@link #next()}, which lets a source allocate nothing per batch after the first epoch. An
 * implementation may read from memory ({@link MiniBatches}) or stream from a file larger than
 * memory.
 *
 * <pre>{@code
 * BatchSource source = new MiniBatches(new Dataset(x, y), 64, 1);
 * source.startEpoch(0);
 * while (source.hasNext()) {
 *   Batch b = source.next();
 * }
 * }</pre>
 */
public interface BatchSource {

  /** The number of examples in one epoch. */
  int count();

  /** Prepares epoch {@code epoch} (0 for the first): shuffling, rewinding. */
  void startEpoch(int epoch);

  /** Whether the current epoch has another batch. */
  boolean hasNext();

  /** The next batch of the current epoch, valid until the next call. */
  Batch next();
}
