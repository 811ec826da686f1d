package io.jdnn.core.kernel;

/**
 * What one part of a product works in: the panel cursor, the decode buffer a byte-backed B is
 * decoded into, and the block an A.B^T register block leaves through. A kernel keeps one per part
 * (a part is only ever run by one thread at a time), grown to the largest product seen, so that a
 * product allocates nothing.
 */
final class Workspace {
  final Panel panel = new Panel();
  /** Where an A.B^T register block is stored before it is transposed into C. */
  final double[] block = new double[ProductABT.BLOCK_DOUBLES];
  /** Where the narrow A.B blocks pack A ({@link NarrowBlocks#pack}); made by {@link #requirePackedA}. */
  double[] packedA = new double[0];
  /** Where a byte-backed panel of B is decoded; grows to the largest panel needed. */
  double[] decoded = new double[0];

  /** Grows the decode buffer to at least {@code length} doubles. */
  void requireDecoded(int length) {
    if (decoded.length < length) {
      decoded = new double[length];
    }
  }

  /** Makes the buffer the narrow A.B blocks pack A into, if it is not there yet. */
  void requirePackedA() {
    if (packedA.length == 0) {
      packedA = new double[NarrowBlocks.packedLength()];
    }
  }

  /** Drops the panel's reference to a caller's B. */
  void clear() {
    panel.values = null;
    panel.bias = null;
  }

  /**
   * The panel of B an A.B register block reads: B's element {@code (firstRow + p, j)} is at
   * {@code values[offset + j + p * stride]} for {@code p < rows}; {@code values} is B itself or the
   * decode buffer. {@code first} says whether this is the first panel along the summation (the
   * block starts from zeros, not from C) and {@code bias} is the bias when it is the last (else null).
   */
  static final class Panel {
    double[] values;
    int offset;
    int stride;
    int firstRow;
    int rows;
    boolean first;
    double[] bias;
  }
}
