package io.jdnn.data.images;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.training.dataset.Batch;
import io.jdnn.core.training.dataset.BatchSource;
import io.jdnn.core.training.dataset.Checks;

/**
 * Mini-batches read from disk for a {@link io.jdnn.core.training.Trainer}: the examples {@code [from, to)} of
 * an {@link Hdf5Batches} file, in order, {@code batchSize} at a time (the last batch may be
 * smaller), two buffers reused for every full batch. Only one batch is ever in memory, so the file
 * may be far larger than the heap.
 *
 * <pre>{@code
 * try (Hdf5Batches file = Hdf5Batches.open(path, "x", "y")) {
 *   trainer.fit(new Hdf5BatchSource(file, 0, 18_000, 250), 1);
 * }
 * }</pre>
 */
public final class Hdf5BatchSource implements BatchSource {
  private final Hdf5Batches file;
  private final int from;
  private final int to;
  private final int batchSize;
  private final Matrix x;
  private final Matrix y;
  private int next;

  /** Examples {@code [from, to)} of {@code file} in batches of {@code batchSize}. */
  public Hdf5BatchSource(Hdf5Batches file, int from, int to, int batchSize) {
    Checks.atLeastOne(batchSize, "batch size");
    if (from < 0 || to > file.count() || from >= to) {
      throw new IllegalArgumentException(file + ": examples [" + from + ", " + to + ") are not a non-empty range"
          + " inside its " + file.count());
    }
    this.file = file;
    this.from = from;
    this.to = to;
    this.batchSize = batchSize;
    this.x = Matrix.zeros(file.features(), Math.min(batchSize, to - from));
    this.y = Matrix.zeros(1, x.cols());
    this.next = to;
  }

  @Override
  public int count() {
    return to - from;
  }

  @Override
  public void startEpoch(int epoch) {
    next = from;
  }

  @Override
  public boolean hasNext() {
    return next < to;
  }

  @Override
  public Batch next() {
    if (!hasNext()) {
      throw new IllegalStateException(file + ": no batch left in this epoch; call startEpoch first");
    }
    int end = Math.min(next + batchSize, to);
    Batch batch;
    if (end - next == x.cols()) {
      file.read(next, end, x, y);
      batch = new Batch(x, y);
    } else {
      batch = file.read(next, end); // the short last batch of an epoch
    }
    next = end;
    return batch;
  }
}
