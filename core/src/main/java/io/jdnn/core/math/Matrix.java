package io.jdnn.core.math;

import io.jdnn.core.memory.Heap;
import java.util.Arrays;
import java.util.Objects;

/**
 * A dense matrix of {@code double}s: the one numeric type jdnn computes with.
 *
 * <p><b>Layout.</b> {@code rows x cols} values in one {@code double[]}, row-major (C order, as
 * NumPy stores its arrays): element (i, j) is {@code data()[i * cols + j]}. Networks keep examples
 * in columns, as the course does: an input batch is {@code features x m}, a weight matrix of a
 * dense layer is {@code out x in}, a bias {@code out x 1}.
 *
 * <p>The shape is fixed at construction, so a matrix can serve as a reusable buffer: kernels write
 * into matrices that layers allocated once and keep.
 *
 * <p><b>Byte-backed inputs.</b> A matrix made by {@link #ofUnsignedBytes} (images, whose values
 * are pixels / 255) also keeps its values as {@link UnsignedBytes}, which a kernel may read instead
 * of the doubles: the same numbers in an eighth of the memory. It is meant as a network's input,
 * which is read and never written: writes into its {@link #data()} would not reach the bytes, so
 * {@link #copy()} it first to change it (a copy is a plain matrix).
 *
 * <pre>{@code
 * Matrix x = Matrix.of(2, 3, new double[] {1, 2, 3, 4, 5, 6}); // [[1,2,3],[4,5,6]]
 * double v = x.get(1, 0);                                      // 4.0
 * }</pre>
 */
public final class Matrix {
  private final int rows;
  private final int cols;
  private final double[] data;
  /** The same values as bytes, or null: see {@link #ofUnsignedBytes}. */
  private final UnsignedBytes bytes;

  private Matrix(int rows, int cols, double[] data) {
    this(rows, cols, data, null);
  }

  private Matrix(int rows, int cols, double[] data, UnsignedBytes bytes) {
    this.rows = rows;
    this.cols = cols;
    this.data = data;
    this.bytes = bytes;
  }

  /**
   * A {@code rows x cols} matrix of zeros.
   *
   * @throws IllegalArgumentException when it would hold more values than one Java array can, or
   *     (for matrices of 8 MiB and more) more bytes than the heap has usable ({@link Heap})
   */
  public static Matrix zeros(int rows, int cols) {
    checkShape(rows, cols);
    long values = (long) rows * cols;
    if (values > Heap.MAX_ARRAY) {
      throw new IllegalArgumentException("a " + rows + "x" + cols + " matrix would hold " + values
          + " values, more than one Java array can (" + Heap.MAX_ARRAY + ")");
    }
    // Small matrices skip the measurement: it costs microseconds, and they cannot exhaust a heap alone.
    if (values >= LARGE) {
      String refusal = Heap.refusal(values * Double.BYTES);
      if (refusal != null) {
        throw new IllegalArgumentException("a " + rows + "x" + cols + " matrix of doubles " + refusal);
      }
    }
    return new Matrix(rows, cols, new double[(int) values]);
  }

  /** From this many values (8 MiB of doubles) on, {@link #zeros} checks the heap first. */
  private static final long LARGE = 1 << 20;

  /** Wraps {@code data} (row-major, not copied) as a {@code rows x cols} matrix. */
  public static Matrix of(int rows, int cols, double[] data) {
    checkShape(rows, cols);
    Objects.requireNonNull(data, "data");
    if (data.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          "a " + rows + "x" + cols + " matrix needs " + (long) rows * cols + " values, got " + data.length);
    }
    return new Matrix(rows, cols, data);
  }

  /**
   * A {@code rows x cols} matrix whose element i (row-major) is {@code (values[i] & 0xFF) / divisor},
   * that keeps {@code values} (not copied) beside its doubles for kernels to read: e.g. images as
   * {@code pixels / 255}. Do not write into its {@link #data()} afterwards (see the class notes).
   */
  public static Matrix ofUnsignedBytes(int rows, int cols, byte[] values, double divisor) {
    checkShape(rows, cols);
    UnsignedBytes bytes = new UnsignedBytes(values, divisor);
    if (values.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          "a " + rows + "x" + cols + " matrix needs " + (long) rows * cols + " bytes, got " + values.length);
    }
    double[] data = new double[values.length];
    for (int i = 0; i < data.length; i++) {
      data[i] = bytes.value(i);
    }
    return new Matrix(rows, cols, data, bytes);
  }

  /** A matrix from rows of values, copied; every row must have the same length. */
  public static Matrix ofRows(double[]... values) {
    int r = values.length;
    int c = r == 0 ? 0 : values[0].length;
    Matrix m = zeros(r, c);
    for (int i = 0; i < r; i++) {
      if (values[i].length != c) {
        throw new IllegalArgumentException("row " + i + " has " + values[i].length + " values, expected " + c);
      }
      System.arraycopy(values[i], 0, m.data, i * c, c);
    }
    return m;
  }

  private static void checkShape(int rows, int cols) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("a matrix shape must not be negative, got " + rows + "x" + cols);
    }
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** Number of elements, {@code rows * cols}. */
  public int size() {
    return data.length;
  }

  /** The backing array, row-major; writes go straight into this matrix. */
  public double[] data() {
    return data;
  }

  /**
   * The same values as unsigned bytes, for a matrix made by {@link #ofUnsignedBytes}; null for any
   * other matrix.
   */
  public UnsignedBytes unsignedBytes() {
    return bytes;
  }

  public double get(int i, int j) {
    return data[index(i, j)];
  }

  public void set(int i, int j, double value) {
    data[index(i, j)] = value;
  }

  private int index(int i, int j) {
    if (i < 0 || i >= rows || j < 0 || j >= cols) {
      throw new IndexOutOfBoundsException("(" + i + ", " + j + ") is outside a " + shape() + " matrix");
    }
    return i * cols + j;
  }

  /** A deep copy, as a plain matrix of doubles (without {@link #unsignedBytes()}). */
  public Matrix copy() {
    return new Matrix(rows, cols, data.clone());
  }

  /** Copies {@code source} (same shape) into this matrix. */
  public void copyFrom(Matrix source) {
    requireSameShape(source, "source");
    System.arraycopy(source.data, 0, data, 0, data.length);
  }

  /** Sets every element to {@code value}. */
  public void fill(double value) {
    Arrays.fill(data, value);
  }

  /** The transpose, as a new matrix. */
  public Matrix transpose() {
    Matrix t = zeros(cols, rows);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t.data[j * rows + i] = data[i * cols + j];
      }
    }
    return t;
  }

  /** Columns {@code from} (inclusive) to {@code to} (exclusive), copied: a slice of examples. */
  public Matrix columns(int from, int to) {
    if (from < 0 || to > cols || from > to) {
      throw new IndexOutOfBoundsException("columns [" + from + ", " + to + ") of a " + shape() + " matrix");
    }
    Matrix m = zeros(rows, to - from);
    for (int i = 0; i < rows; i++) {
      System.arraycopy(data, i * cols + from, m.data, i * m.cols, m.cols);
    }
    return m;
  }

  /** True when both matrices have this shape. */
  public boolean sameShape(Matrix other) {
    return rows == other.rows && cols == other.cols;
  }

  /** Throws an {@link IllegalArgumentException} naming {@code what} unless shapes match. */
  public void requireSameShape(Matrix other, String what) {
    if (!sameShape(other)) {
      throw new IllegalArgumentException(what + " has shape " + other.shape() + ", expected " + shape());
    }
  }

  /** The shape as text, {@code "rows x cols"}. */
  public String shape() {
    return rows + "x" + cols;
  }

  /** Bit-for-bit equality of shape and values. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Matrix ").append(shape());
    if (data.length <= 36) {
      s.append(' ');
      for (int i = 0; i < rows; i++) {
        s.append(i == 0 ? "[" : " ").append(Arrays.toString(Arrays.copyOfRange(data, i * cols, (i + 1) * cols)));
      }
      s.append(']');
    }
    return s.toString();
  }
}
