package io.jdnn.benchmarks;

import io.jdnn.core.kernel.Kernel;
import io.jdnn.core.math.Matrix;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * GFLOP/s of the products one training iteration of the course's 4-layer net spends its time in,
 * and of a 1024 x 1024 square, for each kernel and thread count.
 *
 * <ul>
 *   <li>{@code W1.X}: 20x12288 . 12288x209 ({@code matmul}, the first layer's forward pass);
 *   <li>{@code dZ1.XT}: 20x209 . (12288x209)^T ({@code matmulTransposeB}, dW1 backward);
 *   <li>{@code W1T.dZ1}: (20x12288)^T . 20x209 ({@code matmulTransposeA}, the input gradient
 *       training skips);
 *   <li>{@code 1024}: 1024x1024 . 1024x1024 ({@code matmul});
 *   <li>{@code W1.X8}, {@code dZ1.XT8}: the first two with X byte-backed, as the loader gives the
 *       images ({@link Matrix#ofUnsignedBytes}, random pixels / 255): the vector kernel decodes the
 *       bytes, the other kernels read the same values as doubles;
 *   <li>{@code W1.Xx10}, {@code dZ1.XTx10}, {@code W1.X8x10}, {@code dZ1.XT8x10}: the same at
 *       m = 2,090 instead of 209 (not run by default; {@code -p shape=W1.X8,W1.X8x10}), to see
 *       which product keeps its speed as m grows.
 * </ul>
 *
 * <p><b>Reading the output.</b> A product of {@code n x k} by {@code k x m} is {@code 2 n k m}
 * floating-point operations. The {@link Flops} counter adds {@code 2 n k m / 10^6} per call, and
 * JMH divides it by the time in milliseconds, so the row {@code MatmulBenchmark.product:gflops}
 * reads directly in GFLOP/s (MFLOP per millisecond); the plain row is products per millisecond.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar MatmulBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
@State(Scope.Thread)
public class MatmulBenchmark {

  @Param({"W1.X", "dZ1.XT", "W1.X8", "dZ1.XT8", "W1T.dZ1", "1024"})
  public String shape;

  @Param({"naive", "ojalgo-1", "ojalgo-2", "vector-1", "vector-2"})
  public String kernel;

  private Kernel k;
  private Matrix a;
  private Matrix b;
  private Matrix c;
  private int op;
  private double megaFlops;

  /** The GFLOP/s counter: MFLOP, reported per millisecond. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Flops {
    /** Millions of floating-point operations done; JMH reports it per millisecond, i.e. GFLOP/s. */
    public double gflops;

    @Setup(Level.Iteration)
    public void reset() {
      gflops = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    k = KernelChoice.create(kernel);
    switch (shape) {
      case "W1.X" -> operands(0, 20, 12288, 209, random(20, 12288), random(12288, 209));
      case "dZ1.XT" -> operands(1, 20, 209, 12288, random(20, 209), random(12288, 209));
      case "W1T.dZ1" -> operands(2, 12288, 20, 209, random(20, 12288), random(20, 209));
      case "1024" -> operands(0, 1024, 1024, 1024, random(1024, 1024), random(1024, 1024));
      case "W1.X8" -> operands(0, 20, 12288, 209, random(20, 12288), pixels(12288, 209));
      case "dZ1.XT8" -> operands(1, 20, 209, 12288, random(20, 209), pixels(12288, 209));
      case "W1.X8x10" -> operands(0, 20, 12288, 2090, random(20, 12288), pixels(12288, 2090));
      case "dZ1.XT8x10" -> operands(1, 20, 2090, 12288, random(20, 2090), pixels(12288, 2090));
      case "W1.Xx10" -> operands(0, 20, 12288, 2090, random(20, 12288), random(12288, 2090));
      case "dZ1.XTx10" -> operands(1, 20, 2090, 12288, random(20, 2090), random(12288, 2090));
      default -> throw new IllegalArgumentException("unknown shape " + shape);
    }
  }

  private void operands(int op, int n, int inner, int m, Matrix a, Matrix b) {
    this.op = op;
    this.a = a;
    this.b = b;
    this.c = Matrix.zeros(n, m);
    this.megaFlops = 2.0 * n * inner * m / 1e6;
  }

  private static Matrix random(int rows, int cols) {
    SplittableRandom rng = new SplittableRandom(rows * 31L + cols);
    Matrix m = Matrix.zeros(rows, cols);
    for (int i = 0; i < m.size(); i++) {
      m.data()[i] = rng.nextDouble(-1, 1);
    }
    return m;
  }

  /** Random pixels 0..255 over 255, byte-backed. */
  private static Matrix pixels(int rows, int cols) {
    SplittableRandom rng = new SplittableRandom(rows * 31L + cols);
    byte[] values = new byte[rows * cols];
    for (int i = 0; i < values.length; i++) {
      values[i] = (byte) rng.nextInt(256);
    }
    return Matrix.ofUnsignedBytes(rows, cols, values, 255.0);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    KernelChoice.close(k);
  }

  @Benchmark
  public Matrix product(Flops flops) {
    switch (op) {
      case 0 -> k.matmul(a, b, c);
      case 1 -> k.matmulTransposeB(a, b, c);
      default -> k.matmulTransposeA(a, b, c);
    }
    flops.gflops += megaFlops;
    return c;
  }
}
