package io.jdnn.benchmarks;

import io.jdnn.core.kernel.VectorKernel;
import io.jdnn.core.math.Matrix;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Whether this machine's core keeps its speed: alternates, sample by sample on one thread, a loop of
 * fused multiply-adds on registers only and the vector kernel's product on operands that stay in
 * cache ({@code 20 x 512 . 512 x 104}: the shape of a panel of the course's {@code W1.X}), and prints
 * both rates in billions of multiply-adds a second.
 *
 * <p>Why: on a shared virtual machine the product loops, which load from L1 and L2 at every step,
 * can slow down by 2x in phases of seconds while the register loop beside them does not (29 Nov
 * 2026: 24-26 against 7.7-15; docs/performance.md, "Why the course target is out of reach on this
 * machine"). Such phases move jdnn's timings more than NumPy's and make a benchmark round
 * meaningless on its own; run this before trusting one.
 *
 * <p>Standard output: one line per sample, {@code sample S registers R products P}, then the
 * minimum, median and maximum of each column.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     io.jdnn.benchmarks.CoreSpeedProbe 60
 * </pre>
 */
public final class CoreSpeedProbe {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  /** Register-loop steps per sample: 12 vector FMAs each. */
  private static final long REGISTER_STEPS = 10_000_000L;
  private static final int N = 20;
  private static final int K = 512;
  private static final int M = 104;
  /** Products per sample. */
  private static final int PRODUCTS = 400;
  static volatile double sink;

  private CoreSpeedProbe() {}

  public static void main(String[] args) {
    int samples = args.length == 1 ? positive(args[0]) : 0;
    if (samples == 0) {
      System.err.println("usage: CoreSpeedProbe SAMPLES (a positive whole number, e.g. 100: about 0.06 s each)");
      System.exit(2);
    }
    Matrix a = random(N, K, 1);
    Matrix b = random(K, M, 2);
    Matrix c = Matrix.zeros(N, M);
    double[] registers = new double[samples];
    double[] products = new double[samples];
    try (VectorKernel kernel = new VectorKernel(1)) {
      for (int warm = 0; warm < 3; warm++) {
        sink += fmaLoop(REGISTER_STEPS);
        for (int i = 0; i < PRODUCTS; i++) {
          kernel.matmul(a, b, c);
        }
      }
      for (int s = 0; s < samples; s++) {
        long t0 = System.nanoTime();
        sink += fmaLoop(REGISTER_STEPS);
        registers[s] = REGISTER_STEPS * 12.0 * SPECIES.length() / (System.nanoTime() - t0);
        t0 = System.nanoTime();
        for (int i = 0; i < PRODUCTS; i++) {
          kernel.matmul(a, b, c);
        }
        products[s] = (double) PRODUCTS * N * K * M / (System.nanoTime() - t0);
        System.out.printf(Locale.ROOT, "sample %d registers %.1f products %.1f%n", s, registers[s], products[s]);
      }
    }
    System.out.printf(Locale.ROOT, "registers min %.1f median %.1f max %.1f%n", summary(registers));
    System.out.printf(Locale.ROOT, "products  min %.1f median %.1f max %.1f%n", summary(products));
  }

  /** Twelve independent chains of vector FMAs: enough to keep two FMA units busy. */
  private static double fmaLoop(long steps) {
    DoubleVector x = DoubleVector.broadcast(SPECIES, 1.0000001);
    DoubleVector y = DoubleVector.broadcast(SPECIES, 0.9999999);
    DoubleVector c0 = DoubleVector.zero(SPECIES);
    DoubleVector c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
    for (long i = 0; i < steps; i++) {
      c0 = x.fma(y, c0);
      c1 = x.fma(y, c1);
      c2 = x.fma(y, c2);
      c3 = x.fma(y, c3);
      c4 = x.fma(y, c4);
      c5 = x.fma(y, c5);
      c6 = x.fma(y, c6);
      c7 = x.fma(y, c7);
      c8 = x.fma(y, c8);
      c9 = x.fma(y, c9);
      c10 = x.fma(y, c10);
      c11 = x.fma(y, c11);
    }
    return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
        .reduceLanes(VectorOperators.ADD);
  }

  /** The value of {@code text} if it is a positive whole number, else 0. */
  private static int positive(String text) {
    try {
      return Math.max(0, Integer.parseInt(text.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Matrix random(int rows, int cols, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Matrix m = Matrix.zeros(rows, cols);
    for (int i = 0; i < m.size(); i++) {
      m.data()[i] = rng.nextDouble(-1, 1);
    }
    return m;
  }

  private static Object[] summary(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Object[] {sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1]};
  }
}
