package io.jdnn.core.kernel;

import io.jdnn.core.math.UnsignedBytes;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every loop of {@link VectorProducts} many times on tiny operands, once per JVM, on a daemon
 * thread started with the first {@link VectorKernel}, so that HotSpot's C2 has compiled them
 * before a training loop needs them.
 *
 * <p>Why: until C2 compiles them, Vector API loops run in C1 code that boxes every vector, and a
 * fresh {@code train} spent its first iteration (steady state: 7 ms) in about 1 s. Left to the
 * training loop, the two micro-kernels are compiled twice each (first for the running loop, then
 * for later calls), one after the other. Short calls, a few thousand of them, get the ordinary
 * compilation started at once instead, while the images load: {@code train --iterations 100} went
 * from 2.44-3.20 s to 2.09-2.80 s of wall time (6 alternating pairs). The operands cover the branches
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
   * loop alone). 1,500 and 4,000 rounds measured the same.
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
    int n = 3 * VectorProducts.MR + 1; // row blocks of 4 and a single row; the edge column's 8, 4 and 1
    int m = VectorProducts.NR + VectorProducts.LANES + 1; // a full strip, a vector and a scalar edge
    int shortK = 16;
    int longK = VectorProducts.KC + shortK; // two summation panels
    double[] a = fill(new double[n * longK], rng);
    double[] b = fill(new double[longK * m], rng);
    double[] bias = fill(new double[n], rng);
    double[] c = new double[n * m];
    int rowsB = VectorProducts.TB_COLS + 3; // a block of 8 columns of C and 3 single ones
    double[] ta = fill(new double[VectorProducts.TB_ROWS * shortK], rng);
    double[] bt = fill(new double[rowsB * shortK], rng);
    double[] ct = new double[VectorProducts.TB_ROWS * rowsB];
    double[] packed = new double[VectorProducts.packedLength(VectorProducts.TB_ROWS, shortK)];
    double[] scratch = new double[VectorProducts.TB_SCRATCH];
    // Byte-backed B, as the course's images are: the decoder and the same loops on its panel.
    byte[] pixels = new byte[longK * m];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) rng.nextInt(256);
    }
    VectorProducts.Bytes bytes = new VectorProducts.Bytes();
    if (!bytes.set(new UnsignedBytes(pixels, 255.0))) {
      bytes = null;
    }
    double[] panel = new double[Math.max(VectorProducts.panelLength(false, longK),
        VectorProducts.panelLength(true, shortK))];
    double sum = 0;
    for (int r = 0; r < rounds; r++) {
      int k = r % 16 == 15 ? longK : shortK; // later panels now and then, without long loops
      VectorProducts.multiply(a, k, 1, b, c, bias, k, m, 0, n, 0, m, null, null);
      sum += c[r % c.length];
      VectorProducts.multiply(a, k, 1, b, c, null, k, m, 0, n, 0, m, null, null);
      sum += c[r % c.length];
      VectorProducts.multiply(a, 1, n, b, c, null, k, m, 0, n, 0, m, null, null); // A^T.B: swapped strides
      sum += c[r % c.length];
      if (bytes != null) {
        VectorProducts.multiply(a, k, 1, b, c, bias, k, m, 0, n, 0, m, bytes, panel);
        sum += c[r % c.length];
        VectorProducts.packTransposed(ta, VectorProducts.TB_ROWS, shortK, packed);
        VectorProducts.multiplyTransposeB(packed, bt, ct, VectorProducts.TB_ROWS, shortK, rowsB, 0,
            VectorProducts.TB_ROWS, 0, rowsB, scratch, bytes, panel);
        sum += ct[r % ct.length];
      }
      for (int rows = VectorProducts.TB_ROWS; rows > 0; rows -= VectorProducts.LANES) {
        VectorProducts.packTransposed(ta, rows, shortK, packed);
        VectorProducts.multiplyTransposeB(packed, bt, ct, rows, shortK, rowsB, 0, rows, 0, rowsB, scratch, null, null);
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
