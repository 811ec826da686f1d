package io.jdnn.core.kernel;

import io.jdnn.core.math.UnsignedBytes;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every loop of {@link ProductAB} and {@link ProductABT} many times on tiny operands, once per
 * JVM, on a daemon thread started with the first {@link VectorKernel}, so that HotSpot's C2 has
 * compiled them before a training loop needs them.
 *
 * <p>Why: until C2 compiles them, Vector API loops run in C1 code that boxes every vector, and a
 * fresh {@code train} spent its first iteration in a hundred times its steady-state time. Left to
 * the training loop, the two micro-kernels are compiled twice each (first for the running loop,
 * then for later calls), one after the other. Short calls, a few thousand of them, get the ordinary
 * compilation started at once instead, while the images load (docs/performance.md has the
 * wall-time measurements). The operands cover the branches
 * training takes (bias or none, first and later summation panels, vector and scalar edges, each
 * A.B^T block height), so that the compiled code is not thrown away at the first unseen one. It
 * touches only its own arrays, so it cannot change a result.
 *
 * <p>{@code -Djdnn.warmup=false} turns it off.
 */
final class WarmUp {
  /**
   * Rounds of the products below: each loop is called a few thousand times with a short summation,
   * which is what makes C2 compile it for all calls (a few long calls would compile the running
   * loop alone); more rounds did not measure faster.
   */
  static final int ROUNDS = 1500;
  private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private WarmUp() {}

  /** Starts the warm-up thread, the first time only, unless {@code jdnn.warmup} is false. */
  static void startOnce() {
    if ("false".equalsIgnoreCase(System.getProperty("jdnn.warmup", "true").trim())) {
      return;
    }
    if (STARTED.compareAndSet(false, true)) {
      Thread t = new Thread(WarmUp::runQuietly, "jdnn-warm-up");
      t.setDaemon(true);
      t.start();
    }
  }

  /** True once the warm-up thread has been started in this JVM. */
  static boolean started() {
    return STARTED.get();
  }

  private static void runQuietly() {
    try {
      run(ROUNDS);
    } catch (RuntimeException | Error e) {
      // A warm-up that fails costs speed, never a result: say so, but not as a user's error.
      LOG.debug("kernel warm-up stopped early", e);
    }
  }

  /** {@code rounds} rounds of every product loop; returns a checksum of the results. */
  static double run(int rounds) {
    SplittableRandom rng = new SplittableRandom(1);
    boolean narrow = VectorKernel.narrowBlocksFit();
    // Row blocks of 4 and a single row, the edge column's 8, 4 and 1; narrow: 6, 6, 2 and 1.
    int n = narrow ? 2 * NarrowBlocks.ROWS + 3 : 3 * ProductAB.BLOCK_ROWS + 1;
    int m = ProductAB.BLOCK_COLUMNS + Vectors.LANES + 1; // a full block, a vector and a scalar edge
    int shortK = 16;
    int longK = ProductAB.MAX_PANEL_ROWS + shortK; // two summation panels
    double[] a = fill(new double[n * longK], rng);
    double[] b = fill(new double[longK * m], rng);
    double[] bias = fill(new double[n], rng);
    double[] c = new double[n * m];
    int rowsB = ProductABT.BLOCK_COLUMNS + 3; // a block of 8 columns of C and 3 single ones
    double[] ta = fill(new double[ProductABT.BLOCK_ROWS * shortK], rng);
    double[] bt = fill(new double[rowsB * shortK], rng);
    double[] ct = new double[ProductABT.BLOCK_ROWS * rowsB];
    double[] packed = new double[ProductABT.packedLength(ProductABT.BLOCK_ROWS, shortK)];
    // Byte-backed B, as the course's images are: the decoder and the same loops on its decode buffer.
    byte[] pixels = new byte[longK * m];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) rng.nextInt(256);
    }
    ByteSource bytes = new ByteSource();
    if (!bytes.set(new UnsignedBytes(pixels, 255.0))) {
      bytes = null;
    }
    Workspace ws = new Workspace();
    ws.requireDecoded(Math.max(ProductKind.AB.decodeLength(longK), ProductKind.ABT.decodeLength(shortK)));
    Operands op = new Operands();
    // The blocks this machine's kernels use (the narrow ones, on a packed A, with 16 registers).
    op.narrow = narrow;
    if (narrow) {
      ws.requirePackedA();
    }
    double sum = 0;
    for (int r = 0; r < rounds; r++) {
      int k = r % 16 == 15 ? longK : shortK; // later panels now and then, without long loops
      ProductAB.multiply(op.set(a, k, 1, b, null, c, bias, n, k, m), 0, n, 0, m, ws);
      sum += c[r % c.length];
      ProductAB.multiply(op.set(a, k, 1, b, null, c, null, n, k, m), 0, n, 0, m, ws);
      sum += c[r % c.length];
      ProductAB.multiply(op.set(a, 1, n, b, null, c, null, n, k, m), 0, n, 0, m, ws); // A^T.B: swapped strides
      sum += c[r % c.length];
      if (bytes != null) {
        ProductAB.multiply(op.set(a, k, 1, b, bytes, c, bias, n, k, m), 0, n, 0, m, ws);
        sum += c[r % c.length];
        ProductABT.pack(ta, ProductABT.BLOCK_ROWS, shortK, packed);
        ProductABT.multiply(op.set(packed, 0, 0, bt, bytes, ct, null, ProductABT.BLOCK_ROWS, shortK, rowsB),
            0, ProductABT.BLOCK_ROWS, 0, rowsB, ws);
        sum += ct[r % ct.length];
      }
      for (int rows = ProductABT.BLOCK_ROWS; rows > 0; rows -= Vectors.LANES) {
        ProductABT.pack(ta, rows, shortK, packed);
        ProductABT.multiply(op.set(packed, 0, 0, bt, null, ct, null, rows, shortK, rowsB), 0, rows, 0, rowsB, ws);
        sum += ct[r % rows];
      }
    }
    return sum;
  }

  private static double[] fill(double[] x, SplittableRandom rng) {
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextDouble(-1, 1);
    }
    return x;
  }
}
