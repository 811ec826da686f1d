package io.jdnn.core.training.dataset;

import io.jdnn.core.math.Matrix;

/**
 * One mini-batch: {@code x} ({@code features x b}) and {@code y} ({@code outputs x b}), owned by
 * the {@link BatchSource} that filled it and valid until its next {@link BatchSource#next()}.
 *
 * <pre>{@code
 * Batch batch = source.next();
 * double cost = pass.run(batch.x(), batch.y());
 * }</pre>
 */
public record Batch(Matrix x, Matrix y) {

  /** Checks that x and y hold the same number of examples. */
  public Batch {
    Checks.sameExampleCount(x, y);
  }

  /** The number of examples in this batch. */
  public int size() {
    return x.cols();
  }
}
