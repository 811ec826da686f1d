package io.jdnn.core.training.dataset;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.UnsignedBytes;

/**
 * A copy of a {@code features x m} matrix with each example's features contiguous (the matrix
 * transposed, {@code m x features} row-major), from which batches of shuffled examples are
 * gathered: {@code target[i][j] = source[i][columns[from + j]]}.
 *
 * <p>Why: gathering a batch straight from the {@code features x m} layout reads one scattered value
 * per feature and example, each from a different cache line. From this copy a batch is a few
 * contiguous runs of {@code features} values, read four examples at a time, and the batch written
 * is at once in cache for the products that read it next.
 *
 * <p>A byte-backed source ({@link Matrix#ofUnsignedBytes}, images) is kept as its bytes, an eighth
 * of the memory (the 8,000 training digits: 6.3 MB, which a processor's last-level cache holds),
 * and decoded through {@link UnsignedBytes#decodingTable} (the 256 values {@code k / divisor}, by
 * the expression {@link UnsignedBytes#value} uses), so a batch holds the same doubles as the source.
 *
 * <pre>{@code
 * ExampleRows rows = ExampleRows.of(x);            // x: 784 x 8000
 * rows.gather(order, 64, batchX);                  // batchX: 784 x 64, examples order[64..127]
 * }</pre>
 */
final class ExampleRows {
  /** Examples transposed per tile: reads of the source stay along its rows. */
  private static final int TILE = 64;

  private final int features;
  private final int count;
  /** {@code count x features}, row-major; null when {@link #bytes} holds the values. */
  private final double[] values;
  /** {@code count x features}, row-major, read as unsigned; null for a source of plain doubles. */
  private final byte[] bytes;
  /** {@link UnsignedBytes#decodingTable} of a byte-backed source. */
  private final double[] decoded;

  private ExampleRows(int features, int count, double[] values, byte[] bytes, double[] decoded) {
    this.features = features;
    this.count = count;
    this.values = values;
    this.bytes = bytes;
    this.decoded = decoded;
  }

  /** The examples (columns) of {@code source} as rows, as bytes if it is byte-backed. */
  static ExampleRows of(Matrix source) {
    int features = source.rows();
    int m = source.cols();
    UnsignedBytes unsigned = source.unsignedBytes();
    if (unsigned != null) {
      byte[] s = unsigned.values();
      byte[] rows = new byte[s.length];
      for (int j0 = 0; j0 < m; j0 += TILE) {
        int j1 = Math.min(m, j0 + TILE);
        for (int i = 0; i < features; i++) {
          for (int j = j0; j < j1; j++) {
            rows[j * features + i] = s[i * m + j];
          }
        }
      }
      return new ExampleRows(features, m, null, rows, unsigned.decodingTable());
    }
    double[] s = source.data();
    double[] rows = new double[s.length];
    for (int j0 = 0; j0 < m; j0 += TILE) {
      int j1 = Math.min(m, j0 + TILE);
      for (int i = 0; i < features; i++) {
        for (int j = j0; j < j1; j++) {
          rows[j * features + i] = s[i * m + j];
        }
      }
    }
    return new ExampleRows(features, m, rows, null, null);
  }

  /** Whether the copy is kept as bytes. */
  boolean isBytes() {
    return bytes != null;
  }

  /**
   * Writes examples {@code columns[from] .. columns[from + target.cols() - 1]} into the columns
   * of {@code target} ({@code features x size}).
   */
  void gather(int[] columns, int from, Matrix target) {
    if (target.rows() != features || from < 0 || from + target.cols() > columns.length) {
      throw new IllegalArgumentException("cannot gather " + target.cols() + " of " + count + " examples from "
          + from + " into a " + target.shape() + " matrix; expected " + features + " rows");
    }
    if (bytes != null) {
      gatherBytes(columns, from, target.data(), target.cols());
    } else {
      gatherValues(columns, from, target.data(), target.cols());
    }
  }

  private void gatherValues(int[] columns, int from, double[] t, int size) {
    int f = features;
    double[] v = values;
    int j = 0;
    // Four examples at a time: four read streams and each written line filled in fewer visits.
    for (; j + 4 <= size; j += 4) {
      int s0 = columns[from + j] * f;
      int s1 = columns[from + j + 1] * f;
      int s2 = columns[from + j + 2] * f;
      int s3 = columns[from + j + 3] * f;
      for (int i = 0, o = j; i < f; i++, o += size) {
        t[o] = v[s0 + i];
        t[o + 1] = v[s1 + i];
        t[o + 2] = v[s2 + i];
        t[o + 3] = v[s3 + i];
      }
    }
    for (; j < size; j++) {
      int s = columns[from + j] * f;
      for (int i = 0, o = j; i < f; i++, o += size) {
        t[o] = v[s + i];
      }
    }
  }

  private void gatherBytes(int[] columns, int from, double[] t, int size) {
    int f = features;
    byte[] b = bytes;
    double[] d = decoded;
    int j = 0;
    for (; j + 4 <= size; j += 4) {
      int s0 = columns[from + j] * f;
      int s1 = columns[from + j + 1] * f;
      int s2 = columns[from + j + 2] * f;
      int s3 = columns[from + j + 3] * f;
      for (int i = 0, o = j; i < f; i++, o += size) {
        t[o] = d[b[s0 + i] & 0xFF];
        t[o + 1] = d[b[s1 + i] & 0xFF];
        t[o + 2] = d[b[s2 + i] & 0xFF];
        t[o + 3] = d[b[s3 + i] & 0xFF];
      }
    }
    for (; j < size; j++) {
      int s = columns[from + j] * f;
      for (int i = 0, o = j; i < f; i++, o += size) {
        t[o] = d[b[s + i] & 0xFF];
      }
    }
  }
}
