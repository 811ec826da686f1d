package io.jdnn.core;

/**
 * Reuse of layer-owned buffers: a training loop calls a layer with the same batch shape every
 * iteration, so after the first one no matrix is allocated.
 */
public final class Buffers {
  private Buffers() {}

  /** {@code buffer} if it already has shape {@code rows x cols}, else a new zero matrix of that shape. */
  public static Matrix reuse(Matrix buffer, int rows, int cols) {
    if (buffer != null && buffer.rows() == rows && buffer.cols() == cols) {
      return buffer;
    }
    return Matrix.zeros(rows, cols);
  }
}
