package io.jdnn.core.training.dataset;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.training.Checks;

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
    if (x.cols() != y.cols()) {
      throw new IllegalArgumentException("batch x has " + x.cols() + " examples (columns) but y has " + y.cols());
    }
  }

  /** The number of examples in this batch. */
  public int size() {
    return x.cols();
  }
}
