package io.jdnn.core.kernel;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.UnsignedBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast kernel: products by register-blocked fused multiply-add loops on the Java Vector API
 * ({@code jdk.incubator.vector}; run the JVM with {@code --add-modules jdk.incubator.vector}),
 * shared between a few threads of its own.
 *
 * <p><b>Products.</b> {@code C = A.B} and {@code C = A^T.B} keep a 4 x 32 block of C (with
 * 512-bit vectors) in 16 registers while the summation index runs, on B as stored; {@code A.B^T}
 * packs the small A as A^T and keeps a 24 x 8 block of C in 24 registers, on B as stored. See
 * {@link VectorProducts}.
 * A product of at least {@value #PARALLEL_MIN_MULTIPLY_ADDS} multiply-adds is cut into
 * rectangles of C on a grid fixed by its shape (strips of columns when C is wide enough, else
 * bands of rows), a few per thread, which the threads claim one by one; smaller ones run on the
 * calling thread, where the hand-over would cost more than it saves.
 *
 * <p><b>Byte-backed B.</b> When B was made by {@link Matrix#ofUnsignedBytes} (the course's
 * images), the products read its bytes, not its doubles, and decode a panel of B at a time into a
 * scratch array that stays in cache ({@link ByteDecoder}): an eighth of the memory traffic, and the
 * same doubles, so the same bits in C. {@code X} is the big operand of both of a training
 * iteration's large products, and reading it from memory was what held them back. This needs
 * 512-bit vectors; elsewhere the doubles are read.
 *
 * <p><b>Determinism.</b> Work is split over output elements, never over the summation axis, and
 * every element is computed by the same sequence of operations whichever thread and whichever
 * block variant computes it: results are bit-identical for any thread count.
 *
 * <p><b>Threads.</b> {@code threads - 1} daemon workers plus the calling thread; the count comes
 * from the constructor, else the system property {@code jdnn.threads}, else the number of
 * processors. Products are serialised: concurrent callers take turns.
 *
 * <p>Element-wise passes are plain loops over the backing arrays (see {@code ElementwiseLoops}):
 * HotSpot vectorises them, and they are a small share of a training step.
 *
 * <pre>{@code
 * Kernels.set(new VectorKernel(2));
 * }</pre>
 */
public final class VectorKernel implements Kernel, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VectorKernel.class);
  /** Below this many multiply-adds a product runs on one thread. */
  static final long PARALLEL_MIN_MULTIPLY_ADDS = 1L << 20;

  private final WorkerPool pool;
  private final ProductTask task;

  /** A kernel with {@code jdnn.threads} threads, or one per processor. */
  public VectorKernel() {
    this(defaultThreads());
  }

  /** A kernel whose products use {@code threads} threads (the caller and threads - 1 workers). */
  public VectorKernel(int threads) {
    if (threads < 1 || threads > maxThreads()) {
      throw new IllegalArgumentException("VectorKernel needs at least 1 thread and at most " + maxThreads()
          + " (4 per processor, at least 8), got " + threads);
    }
    this.pool = new WorkerPool(threads, "jdnn-kernel");
    this.task = new ProductTask(threads);
    WarmUp.startOnce();
  }

  /**
   * The most threads a kernel takes: four per processor, at least 8. More only make products
   * slower, and a typo such as {@code -Djdnn.threads=100000} used to start tens of thousands of
   * threads before the JVM ran out of them.
   */
  public static int maxThreads() {
    return Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
  }

  /**
   * The thread count the no-argument constructor uses: {@code jdnn.threads}, else the processors;
   * above {@link #maxThreads} it is capped, with a warning that says so.
   */
  public static int defaultThreads() {
    return threadsFrom(System.getProperty("jdnn.threads"));
  }

  /** {@link #defaultThreads} for the property value {@code value} (null when unset). */
  static int threadsFrom(String value) {
    if (value == null || value.isBlank()) {
      return Runtime.getRuntime().availableProcessors();
    }
    int threads;
    try {
      threads = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      threads = 0; // reported below, with the expected form
    }
    if (threads < 1) {
      throw new IllegalArgumentException("system property jdnn.threads is '" + value + "', expected a positive integer");
    }
    if (threads > maxThreads()) {
      LOG.warn("jdnn.threads={} is more than {} (4 per processor, at least 8): using {}", threads, maxThreads(),
          maxThreads());
      return maxThreads();
    }
    return threads;
  }

  @Override
  public String name() {
    return "vector";
  }

  @Override
  public int threads() {
    return pool.threads();
  }

  /** The vector width, in doubles (8 with AVX-512). */
  public static int lanes() {
    return VectorProducts.LANES;
  }

  @Override
  public void matmul(Matrix a, Matrix b, Matrix c) {
    Kernel.requireInner("matmul", a.cols(), b.rows(), a, b);
    Kernel.requireShapes("matmul", c, a.rows(), b.cols(), a, b);
    product(ProductTask.AB, a.data(), a.cols(), 1, b, c.data(), null, a.rows(), a.cols(), b.cols());
  }

  @Override
  public void matmulAddBias(Matrix a, Matrix b, Matrix bias, Matrix c) {
    Kernel.requireInner("matmulAddBias", a.cols(), b.rows(), a, b);
    Kernel.requireShapes("matmulAddBias", c, a.rows(), b.cols(), a, b);
    Kernel.requireBias("matmulAddBias", c, bias);
    product(ProductTask.AB, a.data(), a.cols(), 1, b, c.data(), bias.data(), a.rows(), a.cols(), b.cols());
  }

  @Override
  public void matmulTransposeB(Matrix a, Matrix b, Matrix c) {
    Kernel.requireInner("matmulTransposeB", a.cols(), b.cols(), a, b);
    Kernel.requireShapes("matmulTransposeB", c, a.rows(), b.rows(), a, b);
    product(ProductTask.ABT, a.data(), 0, 0, b, c.data(), null, a.rows(), a.cols(), b.rows());
  }

  @Override
  public void matmulTransposeA(Matrix a, Matrix b, Matrix c) {
    Kernel.requireInner("matmulTransposeA", a.rows(), b.rows(), a, b);
    Kernel.requireShapes("matmulTransposeA", c, a.cols(), b.cols(), a, b);
    // A^T has element (i, p) at a[p * n + i]: the A.B loop with the strides swapped.
    product(ProductTask.AB, a.data(), 1, a.cols(), b, c.data(), null, a.cols(), a.rows(), b.cols());
  }

  private void product(int kind, double[] a, int ars, int acs, Matrix bm, double[] c, double[] bias,
      int n, int k, int m) {
    double[] b = bm.data();
    synchronized (task) {
      if (kind == ProductTask.ABT) {
        a = task.pack(a, n, k);
      }
      task.readBytesOf(bm.unsignedBytes(), kind, k);
      try {
        if (pool.threads() == 1 || (long) n * k * m < PARALLEL_MIN_MULTIPLY_ADDS) {
          task.computeAll(kind, a, ars, acs, b, c, bias, n, k, m);
        } else {
          task.set(kind, a, ars, acs, b, c, bias, n, k, m, pool.threads());
          pool.run(task, task.parts);
        }
      } finally {
        task.clear();
      }
    }
  }

  /** Stops the worker threads; the kernel must not be used afterwards. */
  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "VectorKernel(threads=" + threads() + ", lanes=" + lanes() + ")";
  }

  /**
   * One product, cut into parts on a grid fixed by the shape: strips of C's columns (multiples of
   * 8) when there are at least two per thread, else bands of rows (multiples of 4 for A.B, of 24
   * for A.B^T). There are up to {@value #PARTS_PER_THREAD} parts per thread, claimed one by one,
   * so that a thread the machine slows down does fewer of them, but an A.B strip is at least
   * {@value #MIN_AB_STRIP} columns wide where C has them (on W1.X, 209 columns, two strips of 104
   * and 105 ran at 1.5x the speed of seven of 32). A long-lived object whose fields are set per
   * call, and which owns the packed copy of A and the scratch blocks A.B^T needs, so that a product
   * allocates nothing once they have grown to its size.
   */
  private static final class ProductTask implements WorkerPool.Task {
    static final int AB = 0;
    static final int ABT = 1;
    static final int PARTS_PER_THREAD = 4;
    static final int MIN_AB_STRIP = 128;
    private int kind;
    private double[] a;
    private int ars;
    private int acs;
    private double[] b;
    private double[] c;
    private double[] bias;
    private int n;
    private int k;
    private int m;
    /** Columns (or rows, when {@link #byRows}) per unit of the grid, units in all, and parts. */
    private int unit;
    private int units;
    private boolean byRows;
    int parts;
    /** A, packed by {@link VectorProducts#packTransposed} for A.B^T; grows to the largest A seen. */
    private double[] packed = new double[0];
    /** One block's worth of scratch per part: part p is only ever run by one thread at a time. */
    private final double[][] scratch;
    /** B as bytes for this product ({@link #byteSource}), or null to read its doubles. */
    private VectorProducts.Bytes bytes;
    private final VectorProducts.Bytes byteSource = new VectorProducts.Bytes();
    /** Per part, where a byte-backed B is decoded; grows to the largest panel needed. */
    private final double[][] panels;

    ProductTask(int threads) {
      scratch = new double[PARTS_PER_THREAD * threads][VectorProducts.TB_SCRATCH];
      panels = new double[PARTS_PER_THREAD * threads][0];
    }

    /**
     * Sets how this product reads B: from {@code source} when it is not null and the decoder is
     * supported, with every part's panel grown to the size the product needs; else from its doubles.
     */
    void readBytesOf(UnsignedBytes source, int kind, int k) {
      bytes = source != null && byteSource.set(source) ? byteSource : null;
      if (bytes == null) {
        return;
      }
      int length = VectorProducts.panelLength(kind == ABT, k);
      for (int p = 0; p < panels.length; p++) {
        if (panels[p].length < length) {
          panels[p] = new double[length];
        }
      }
    }

    /** Packs A for A.B^T and returns the packed copy. */
    double[] pack(double[] a, int n, int k) {
      int length = VectorProducts.packedLength(n, k);
      if (packed.length < length) {
        packed = new double[length];
      }
      VectorProducts.packTransposed(a, n, k, packed);
      return packed;
    }

    void set(int kind, double[] a, int ars, int acs, double[] b, double[] c, double[] bias, int n, int k, int m,
        int threads) {
      this.kind = kind;
      this.a = a;
      this.ars = ars;
      this.acs = acs;
      this.b = b;
      this.c = c;
      this.bias = bias;
      this.n = n;
      this.k = k;
      this.m = m;
      int colUnit = kind == AB ? VectorProducts.LANES : VectorProducts.TB_COLS;
      int rowUnit = kind == AB ? VectorProducts.MR : VectorProducts.TB_ROWS;
      int colUnits = (m + colUnit - 1) / colUnit;
      byRows = colUnits < 2 * threads;
      unit = byRows ? rowUnit : colUnit;
      units = byRows ? (n + unit - 1) / unit : colUnits;
      // A.B strips are at least MIN_AB_STRIP columns wide where C allows: B is the big operand
      // there (X in W1.X), and each part streams its columns of every row of B from memory, which
      // goes at the memory's pace only when those columns are a long contiguous run.
      int minUnits = kind == AB && !byRows ? MIN_AB_STRIP / colUnit : 1;
      parts = Math.min(units, Math.max(threads, Math.min(PARTS_PER_THREAD * threads, units / minUnits)));
    }

    /** Drops the references, so the task does not keep a caller's matrices alive. */
    void clear() {
      a = null;
      b = null;
      c = null;
      bias = null;
      bytes = null;
      byteSource.clear();
    }

    @Override
    public void run(int part, int parts) {
      int from = unit * (int) ((long) units * part / parts);
      int to = unit * (int) ((long) units * (part + 1) / parts);
      if (byRows) {
        compute(kind, a, ars, acs, b, c, bias, n, k, m, Math.min(n, from), Math.min(n, to), 0, m, part);
      } else {
        compute(kind, a, ars, acs, b, c, bias, n, k, m, 0, n, Math.min(m, from), Math.min(m, to), part);
      }
    }

    /** The whole product on the calling thread. */
    void computeAll(int kind, double[] a, int ars, int acs, double[] b, double[] c, double[] bias, int n, int k,
        int m) {
      compute(kind, a, ars, acs, b, c, bias, n, k, m, 0, n, 0, m, 0);
    }

    private void compute(int kind, double[] a, int ars, int acs, double[] b, double[] c, double[] bias,
        int n, int k, int m, int i0, int i1, int j0, int j1, int part) {
      if (i0 >= i1 || j0 >= j1) {
        return;
      }
      if (kind == AB) {
        VectorProducts.multiply(a, ars, acs, b, c, bias, k, m, i0, i1, j0, j1, bytes, panels[part]);
      } else {
        VectorProducts.multiplyTransposeB(a, b, c, n, k, m, i0, i1, j0, j1, scratch[part], bytes, panels[part]);
      }
    }
  }
}
