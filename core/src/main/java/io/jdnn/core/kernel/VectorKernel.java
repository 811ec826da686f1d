package io.jdnn.core.kernel;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.UnsignedBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The fast kernel: products by register-blocked fused multiply-add loops on the Java Vector API
 * ({@code jdk.incubator.vector}; run the JVM with {@code --add-modules jdk.incubator.vector}),
 * shared between a few threads of its own.
 *
 * <p><b>Products.</b> {@code C = A.B} and {@code C = A^T.B} keep a 4 x 32 block of C (with
 * 512-bit vectors) in 16 registers while the summation index runs, on B as stored; {@code A.B^T}
 * packs the small A as A^T and keeps a 24 x 8 block of C in 24 registers, on B as stored. With
 * 16 vector registers (AVX2) narrower blocks run, which the JIT keeps in registers, A.B's on a
 * packed copy of A (see {@link NarrowBlocks} and {@link ProductABT}); every block computes each
 * element of C as the same chain, so the bits do not depend on the blocks.
 * A product of at least {@value #SHARE_FROM_MULTIPLY_ADDS} multiply-adds is cut into
 * rectangles of C on a grid fixed by its shape (strips of columns when C is wide enough, else
 * bands of rows), a few per thread, which the threads claim one by one; smaller ones run on the
 * calling thread, where the hand-over would cost more than it saves (the digits network's
 * third product, 0.5 million multiply-adds, ran no faster shared). The digits network's two big
 * products (6.4 million multiply-adds, about half a millisecond) are shared: with them on two
 * threads an epoch took 0.75-0.90 of its time on one, in four alternating rounds
 * (docs/performance.md).
 *
 * <p><b>Byte-backed B.</b> When B was made by {@link Matrix#ofUnsignedBytes} (the course's
 * images), the products read its bytes, not its doubles, and decode a panel of B at a time into a
 * buffer that stays in cache ({@link ByteDecoder}): an eighth of the memory traffic, and the
 * same doubles, so the same bits in C. {@code X} is the big operand of both of a training
 * iteration's large products, and reading it from memory was what held them back. This needs
 * 512-bit or 256-bit vectors (AVX-512, AVX2); elsewhere the doubles are read.
 *
 * <p><b>Determinism.</b> Work is split over output elements, never over the summation axis, and
 * every element is computed by the same sequence of operations whichever thread and whichever
 * block variant computes it: results are bit-identical for any thread count.
 *
 * <p><b>Threads.</b> {@code threads - 1} daemon workers plus the calling thread; the count comes
 * from the constructor, else the system property {@code jdnn.threads}, else the number of
 * processors. Products are serialised: concurrent callers take turns. A product that a descheduled
 * worker would hold up runs on the calling thread instead ({@link ThreadChoice}): after a shared
 * product whose caller waited for the others longer than it worked, the next few shareable
 * products run alone.
 *
 * <p>Element-wise passes are plain loops over the backing arrays (see {@code ElementwiseLoops}),
 * which HotSpot vectorises, except the optimizer steps: Adam's square root and divisions and
 * momentum's two updates are written with the Vector API here, with the same operations in the
 * same order as the plain loops, so the same bits. An Adam step of at least
 * {@value #SHARE_ADAM_FROM} elements (the digits network's {@code W1}) is shared like a product,
 * by ranges of elements ({@link AdamTask}).
 *
 * <pre>{@code
 * Kernels.set(new VectorKernel(2));
 * }</pre>
 */
public final class VectorKernel implements Kernel, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VectorKernel.class);
  /**
   * From this many elements an Adam step is shared between the threads: the digits network's
   * {@code W1} (100,480) is, its other parameters (8,256 and less) are not.
   */
  static final int SHARE_ADAM_FROM = 1 << 15;
  /** Below this many multiply-adds a product runs on one thread. */
  static final long SHARE_FROM_MULTIPLY_ADDS = 1L << 22;

  private final WorkerPool pool;
  private final ProductTask task;
  private final ThreadChoice choice = new ThreadChoice();
  private final AdamTask adam = new AdamTask();
  private final long shareFrom;

  /** A kernel with {@code jdnn.threads} threads, or one per processor. */
  public VectorKernel() {
    this(defaultThreads());
  }

  /** A kernel whose products use {@code threads} threads (the caller and threads - 1 workers). */
  public VectorKernel(int threads) {
    this(threads, narrowBlocksFit(), SHARE_FROM_MULTIPLY_ADDS);
  }

  /**
   * As {@link #VectorKernel(int)}, with the narrow register blocks (for 16 vector registers) or the
   * wide ones (for 32) whatever the machine has, sharing products from {@code shareFrom}
   * multiply-adds: for tests, which hold every choice to the same bits.
   */
  VectorKernel(int threads, boolean narrow, long shareFrom) {
    if (threads < 1 || threads > maxThreads()) {
      throw new IllegalArgumentException("VectorKernel needs at least 1 thread and at most " + maxThreads()
          + " (4 per processor, at least 8), got " + threads);
    }
    this.pool = new WorkerPool(threads, "jdnn-kernel");
    this.task = new ProductTask(threads);
    this.task.useNarrowBlocks(narrow);
    this.shareFrom = shareFrom;
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

  /**
   * Whether this machine's vectors come with 16 registers rather than 32: the Vector API does not
   * say, but 256-bit vectors mean AVX2 (16 registers) on x86, and AVX-512's 512-bit ones 32.
   */
  static boolean narrowBlocksFit() {
    return Vectors.LANES <= 4;
  }

  /** Whether this kernel's products use the narrow register blocks (see {@link ProductAB}). */
  boolean narrow() {
    return task.operands.narrow;
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
    return Vectors.LANES;
  }

  @Override
  public void matmul(Matrix a, Matrix b, Matrix c) {
    Kernel.requireInner("matmul", a.cols(), b.rows(), a, b);
    Kernel.requireShapes("matmul", c, a.rows(), b.cols(), a, b);
    product(ProductKind.AB, a.data(), a.cols(), 1, b, c.data(), null, a.rows(), a.cols(), b.cols());
  }

  @Override
  public void matmulAddBias(Matrix a, Matrix b, Matrix bias, Matrix c) {
    Kernel.requireInner("matmulAddBias", a.cols(), b.rows(), a, b);
    Kernel.requireShapes("matmulAddBias", c, a.rows(), b.cols(), a, b);
    Kernel.requireBias("matmulAddBias", c, bias);
    product(ProductKind.AB, a.data(), a.cols(), 1, b, c.data(), bias.data(), a.rows(), a.cols(), b.cols());
  }

  @Override
  public void matmulTransposeB(Matrix a, Matrix b, Matrix c) {
    Kernel.requireInner("matmulTransposeB", a.cols(), b.cols(), a, b);
    Kernel.requireShapes("matmulTransposeB", c, a.rows(), b.rows(), a, b);
    product(ProductKind.ABT, a.data(), 0, 0, b, c.data(), null, a.rows(), a.cols(), b.rows());
  }

  @Override
  public void matmulTransposeA(Matrix a, Matrix b, Matrix c) {
    Kernel.requireInner("matmulTransposeA", a.rows(), b.rows(), a, b);
    Kernel.requireShapes("matmulTransposeA", c, a.cols(), b.cols(), a, b);
    // A^T has element (i, p) at a[p * n + i]: the A.B loop with the strides swapped.
    product(ProductKind.AB, a.data(), 1, a.cols(), b, c.data(), null, a.cols(), a.rows(), b.cols());
  }

  /**
   * One product: A's element (i, p) at {@code a[i * ars + p * acs]} (for A.B^T, A row-major, packed
   * here first), B as a matrix (its bytes are read where it has them), C and the bias as arrays.
   */
  private void product(ProductKind kind, double[] a, int ars, int acs, Matrix bm, double[] c, double[] bias,
      int n, int k, int m) {
    synchronized (task) {
      if (kind == ProductKind.ABT) {
        a = task.pack(a, n, k);
      }
      ByteSource bytes = task.byteSourceFor(bm.unsignedBytes(), kind, k);
      task.operands.set(a, ars, acs, bm.data(), bytes, c, bias, n, k, m);
      try {
        if (pool.threads() == 1 || (long) n * k * m < shareFrom || !choice.share()) {
          task.computeAll(kind);
          if (pool.threads() > 1 && !choice.contended()) {
            pool.spinning(true);
          }
        } else {
          task.split(kind, pool.threads());
          runShared(task, task.parts);
        }
      } finally {
        task.clear();
      }
    }
  }

  @Override
  public void momentumStep(double beta, double learningRate, Matrix velocity, Matrix gradient, Matrix value) {
    value.requireSameShape(velocity, "momentumStep: velocity");
    value.requireSameShape(gradient, "momentumStep: gradient");
    double[] vd = velocity.data();
    double[] g = gradient.data();
    double[] w = value.data();
    double keep = 1 - beta;
    int k = 0;
    // beta * v + (1 - beta) * g, then w - lr * v: multiplications and additions, no fused
    // multiply-add, as in the plain loop (Java never contracts a * b + c), so the same bits.
    for (; k + Vectors.LANES <= w.length; k += Vectors.LANES) {
      DoubleVector v = DoubleVector.fromArray(Vectors.SPECIES, vd, k).mul(beta)
          .add(DoubleVector.fromArray(Vectors.SPECIES, g, k).mul(keep));
      v.intoArray(vd, k);
      DoubleVector.fromArray(Vectors.SPECIES, w, k).sub(v.mul(learningRate)).intoArray(w, k);
    }
    for (; k < w.length; k++) {
      vd[k] = beta * vd[k] + keep * g[k];
      w[k] -= learningRate * vd[k];
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A parameter of at least {@value #SHARE_ADAM_FROM} elements is updated by all the kernel's
   * threads, each a range of elements (see {@link AdamTask}), unless sharing has lately lost
   * ({@link ThreadChoice}); the bits are the same either way.
   */
  @Override
  public void adamStep(AdamRule rule, double learningRate, long step, Matrix m, Matrix v, Matrix gradient,
      Matrix value) {
    ElementwiseLoops.requireAdamShapes(m, v, gradient, value);
    int n = value.size();
    if (n >= SHARE_ADAM_FROM && pool.threads() > 1 && sharedAdam(rule, learningRate, step, m, v, gradient, value)) {
      return;
    }
    // One call of the vector loop in this method, on purpose. With two copies inlined, and the
    // pool's code beside them, C2 compiled one copy's last vector store as a real call in a long
    // test run (-XX:+LogCompilation: a late inline without its intrinsic), and every step then
    // boxed 6,058 vectors (387,712 bytes) of the small parameters' updates.
    adamRange(rule, learningRate, step, m.data(), v.data(), gradient.data(), value.data(), 0, n);
  }

  /** Runs the step on all threads and returns true, or returns false if sharing has lately lost. */
  private boolean sharedAdam(AdamRule rule, double learningRate, long step, Matrix m, Matrix v, Matrix gradient,
      Matrix value) {
    synchronized (task) {
      if (!choice.share()) {
        return false;
      }
      adam.set(rule, learningRate, step, m.data(), v.data(), gradient.data(), value.data());
      try {
        runShared(adam, pool.threads());
      } finally {
        adam.clear();
      }
      return true;
    }
  }

  /**
   * Runs {@code parts} parts of {@code job} on all threads, then tells {@link ThreadChoice} how long
   * the caller waited for the others, and lets idle threads spin only while it sees no contention.
   */
  private void runShared(WorkerPool.Task job, int parts) {
    pool.run(job, parts);
    choice.shared(pool.lastBusyNanos(), pool.lastWaitNanos());
    pool.spinning(!choice.contended());
  }

  /**
   * Elements {@code [from, to)} of an Adam step with the Vector API: each operation of
   * {@code ElementwiseLoops.adamRange} on eight elements at once, in the same order (a division is
   * a division, a square root a square root, each correctly rounded), so the same bits; the last
   * few elements by that plain loop.
   */
  static void adamRange(AdamRule rule, double lr, long step, double[] m, double[] v, double[] g, double[] w,
      int from, int to) {
    double beta1 = rule.beta1();
    double beta2 = rule.beta2();
    double keep1 = 1 - beta1;
    double keep2 = 1 - beta2;
    double epsilon = rule.epsilon();
    double correction1 = rule.correction1(step);
    double correction2 = rule.correction2(step);
    int k = from;
    for (; k + Vectors.LANES <= to; k += Vectors.LANES) {
      DoubleVector gv = DoubleVector.fromArray(Vectors.SPECIES, g, k);
      DoubleVector mv = DoubleVector.fromArray(Vectors.SPECIES, m, k).mul(beta1).add(gv.mul(keep1));
      DoubleVector vv = DoubleVector.fromArray(Vectors.SPECIES, v, k).mul(beta2).add(gv.mul(gv).mul(keep2));
      mv.intoArray(m, k);
      vv.intoArray(v, k);
      DoubleVector mHat = mv.div(correction1);
      DoubleVector vHat = vv.div(correction2);
      DoubleVector update = mHat.mul(lr).div(vHat.lanewise(VectorOperators.SQRT).add(epsilon));
      DoubleVector.fromArray(Vectors.SPECIES, w, k).sub(update).intoArray(w, k);
    }
    ElementwiseLoops.adamRange(rule, lr, step, m, v, g, w, k, to);
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
}
