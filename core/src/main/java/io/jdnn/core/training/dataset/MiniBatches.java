package io.jdnn.core.training.dataset;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.training.state.IncompatibleStateException;
import io.jdnn.core.training.state.Stateful;
import io.jdnn.core.training.state.TrainingState;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A {@link BatchSource} over a {@link Dataset} in memory: each epoch, the examples in batches of
 * {@code batchSize} columns, the last batch holding the remainder (as the course's
 * {@code random_mini_batches}).
 *
 * <p><b>Order.</b> With shuffling, epoch e's order is the e-th {@link NumpyRandom#permutation} of
 * one generator seeded with {@code seed}. A single full batch without shuffling is the dataset's
 * own matrices, not a copy: full-batch training computes exactly what it computed before
 * mini-batches existed (the course's numbers).
 *
 * <p><b>Buffers.</b> Each batch is copied into one of two reused buffers (the batch size and the
 * remainder), valid until the next call of {@link #next()}. When there are several batches and the
 * data is small enough to hold twice (at most {@value #BY_EXAMPLE_MAX_VALUES} values), the
 * examples are first copied once into an {@link ExampleRows} layout, each example's features
 * contiguous (and as bytes for byte-backed images), so that a shuffled batch is read from a few
 * contiguous runs and written just before the products read it, from cache; larger data is
 * gathered straight from the {@code features x m} matrix, one scattered value per feature and
 * example. The shuffle works in place; after the first epoch (which makes the copy at its first
 * batch and the remainder's buffer at its last) nothing is allocated.
 *
 * <p><b>State</b> ({@link Stateful}): the shuffling generator's state, the current order and the
 * position in it, so a checkpoint resumes the shuffling where it stopped.
 *
 * <pre>{@code
 * BatchSource batches = new MiniBatches(new Dataset(x, y), 64, 1); // shuffled every epoch
 * BatchSource course = MiniBatches.fullBatch(new Dataset(x, y));   // one batch, in order
 * }</pre>
 */
public final class MiniBatches implements BatchSource, Stateful {
  private final Dataset data;
  private final int batchSize;
  private final boolean shuffle;
  private final NumpyRandom rng;
  private final long seed;
  private final int[] order;
  /** Above this many values (x and y together) batches are gathered from the data as it is, not from {@link ExampleRows}. */
  static final long BY_EXAMPLE_MAX_VALUES = 1L << 26;
  private final long byExampleMax;
  private Batch full;
  private Batch last;
  /** The data with each example contiguous, made at the first batch when {@link #byExample()}. */
  private ExampleRows xRows;
  private ExampleRows yRows;
  private int position;

  /**
   * Batches of {@code batchSize} examples ({@code batchSize >= m} gives one batch), shuffled each
   * epoch from {@code seed} when {@code shuffle} is true.
   */
  public MiniBatches(Dataset data, int batchSize, boolean shuffle, long seed) {
    this(data, batchSize, shuffle, seed, BY_EXAMPLE_MAX_VALUES);
  }

  /** As the public constructor, copying the data into {@link ExampleRows} only up to {@code byExampleMax} values. */
  MiniBatches(Dataset data, int batchSize, boolean shuffle, long seed, long byExampleMax) {
    this.byExampleMax = byExampleMax;
    this.data = Objects.requireNonNull(data, "data");
    Checks.atLeastOne(batchSize, "batch size");
    this.batchSize = Math.min(batchSize, data.count());
    this.shuffle = shuffle;
    this.seed = seed;
    this.rng = new NumpyRandom(seed);
    this.order = new int[data.count()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    this.position = order.length;
  }

  /** Shuffled batches of {@code batchSize} examples, seeded. */
  public MiniBatches(Dataset data, int batchSize, long seed) {
    this(data, batchSize, true, seed);
  }

  /** All examples in one batch, in their order: the course's full-batch gradient descent. */
  public static MiniBatches fullBatch(Dataset data) {
    return new MiniBatches(data, Math.max(1, data.count()), false, 0);
  }

  public int batchSize() {
    return batchSize;
  }

  @Override
  public int count() {
    return data.count();
  }

  @Override
  public void startEpoch(int epoch) {
    if (shuffle) {
      // NumpyRandom.permutation's Fisher-Yates from the identity, in place: no array per epoch.
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      for (int i = order.length - 1; i >= 1; i--) {
        int j = (int) rng.nextInterval(i);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    position = 0;
  }

  /** Whether batches come from {@link ExampleRows}: several batches, and data small enough to hold twice. */
  private boolean byExample() {
    return batchSize < order.length && (long) data.x().size() + data.y().size() <= byExampleMax;
  }

  /** Whether this source copies its batches from bytes (a byte-backed x). For tests. */
  boolean gathersBytes() {
    return xRows != null && xRows.isBytes();
  }

  @Override
  public boolean hasNext() {
    return position < order.length;
  }

  @Override
  public Batch next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no batch left in this epoch of " + count() + " examples; call startEpoch");
    }
    int size = Math.min(batchSize, order.length - position);
    Batch batch;
    if (!shuffle && size == order.length) {
      batch = full != null ? full : (full = new Batch(data.x(), data.y()));
    } else if (size == batchSize) {
      batch = full != null ? full : (full = buffer(size));
    } else {
      batch = last != null ? last : (last = buffer(size));
    }
    if (batch.x() != data.x()) {
      if (byExample()) {
        if (xRows == null) {
          xRows = ExampleRows.of(data.x());
          yRows = ExampleRows.of(data.y());
        }
        xRows.gather(order, position, batch.x());
        yRows.gather(order, position, batch.y());
      } else {
        Dataset.gather(data.x(), order, position, batch.x());
        Dataset.gather(data.y(), order, position, batch.y());
      }
    }
    position += size;
    return batch;
  }

  private Batch buffer(int size) {
    return new Batch(Matrix.zeros(data.x().rows(), size), Matrix.zeros(data.y().rows(), size));
  }

  @Override
  public void saveState(TrainingState state) {
    state.putSetting("examples", order.length);
    state.putSetting("batch-size", batchSize);
    state.putSetting("shuffle", shuffle);
    state.putSetting("seed", seed);
    state.putRandom("shuffling", rng);
    state.putInts("order", order);
    state.putLong("position", position);
  }

  @Override
  public void restoreState(TrainingState state) {
    state.requireSetting("examples", order.length);
    state.requireSetting("batch-size", batchSize);
    state.requireSetting("shuffle", shuffle);
    state.requireSetting("seed", seed);
    int[] saved = state.ints("order");
    boolean[] seen = new boolean[order.length];
    for (int i = 0; i < Math.max(saved.length, order.length); i++) {
      if (saved.length != order.length || saved[i] < 0 || saved[i] >= order.length || seen[saved[i]]) {
        throw new IncompatibleStateException("order", "the saved order of " + saved.length
            + " examples is not a permutation of 0.." + (order.length - 1));
      }
      seen[saved[i]] = true;
    }
    long savedPosition = state.getLong("position");
    if (savedPosition < 0 || savedPosition > order.length) {
      throw new IncompatibleStateException("position", "the saved position " + savedPosition + " is outside 0.."
          + order.length);
    }
    state.readRandom("shuffling", rng);
    System.arraycopy(saved, 0, order, 0, order.length);
    position = (int) savedPosition;
  }

  @Override
  public String toString() {
    return "MiniBatches(m=" + count() + ", batchSize=" + batchSize + ", shuffle=" + shuffle + ", seed=" + seed + ")";
  }
}
