package io.jdnn.core.nn;

import io.jdnn.core.math.Matrix;

/**
 * A layer's reusable buffer for the two batch shapes a training run alternates between: the
 * full mini-batch and the smaller last batch of each epoch. A buffer of one shape would be
 * reallocated twice per epoch; this keeps both, so after the first epoch nothing is allocated. A third shape replaces the one used least recently.
 *
 * <pre>{@code
 * private final BufferCache outputs = new BufferCache();
 * Matrix out = outputs.get(rows, x.cols()); // same matrix every time for this shape
 * }</pre>
 */
public final class BufferCache {
  private Matrix recent;
  private Matrix older;

  /** A matrix of shape {@code rows x cols}: a kept one when it has that shape, else a new zero matrix. */
  public Matrix get(int rows, int cols) {
    if (recent != null && recent.rows() == rows && recent.cols() == cols) {
      return recent;
    }
    Matrix keep = recent;
    if (older != null && older.rows() == rows && older.cols() == cols) {
      recent = older;
    } else {
      recent = Matrix.zeros(rows, cols);
    }
    older = keep;
    return recent;
  }
}
