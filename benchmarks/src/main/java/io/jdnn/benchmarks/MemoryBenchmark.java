package io.jdnn.benchmarks;

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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * How fast this machine delivers an array to the cores, for arrays that fit in cache and for one
 * the size of the course's images {@code X} (12288 x 209 doubles, 20.5 MB), which each of an
 * iteration's two big products reads once. It bounds what any kernel can do on {@code W1.X} and
 * {@code dZ1.X^T}: at 2 FLOP per multiply-add, they do 20 multiply-adds per double of {@code X}
 * they read, 5 FLOP per byte, so a kernel fed at G GB/s cannot exceed 5 G GFLOP/s unless it
 * overlaps the reading with the arithmetic.
 *
 * <p>Each call reads one double per 64-byte cache line of the array (the same loop as the vector
 * kernel's {@code touch}), which makes the hardware fetch every line. {@code oneThread} reads the
 * whole array; {@code twoThreads} runs two threads at once, each reading its own half;
 * {@code twoThreadsColumnHalves} splits it as {@code W1.X} splits {@code X} on two threads. The
 * {@code gbytes} row reads directly in GB/s (MB read per millisecond, summed over threads).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar MemoryBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@State(Scope.Benchmark)
public class MemoryBenchmark {
  /** Doubles per 64-byte cache line. */
  private static final int LINE = 8;
  /** Columns of the images X: examples in the course's training set. */
  private static final int X_COLUMNS = 209;

  /**
   * The array: 1 MiB (one core's L2 here), 4 MiB, the images {@code X} (12288 x 209 doubles) and
   * 64 MiB (well past any cache).
   */
  @Param({"1MiB", "4MiB", "X", "64MiB"})
  public String size;

  private double[] array;

  /** The bandwidth counter: megabytes read, reported per millisecond, i.e. GB/s. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Bytes {
    /** Millions of bytes read; JMH reports it per millisecond, i.e. GB/s. */
    public double gbytes;

    @Setup(Level.Iteration)
    public void reset() {
      gbytes = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    int doubles = switch (size) {
      case "1MiB" -> 1 << 17;
      case "4MiB" -> 1 << 19;
      case "X" -> 12288 * 209;
      case "64MiB" -> 1 << 23;
      default -> throw new IllegalArgumentException("unknown size " + size + ", expected 1MiB, 4MiB, X or 64MiB");
    };
    array = new double[doubles];
    for (int i = 0; i < doubles; i++) {
      array[i] = i;
    }
  }

  @Benchmark
  @Threads(1)
  public long oneThread(Bytes bytes) {
    bytes.gbytes += array.length * 8 / 1e6;
    return read(array, 0, array.length);
  }

  @Benchmark
  @Threads(2)
  public long twoThreads(Bytes bytes, ThreadParams thread) {
    int half = array.length / 2;
    int from = thread.getThreadIndex() == 0 ? 0 : half;
    int to = thread.getThreadIndex() == 0 ? half : array.length;
    bytes.gbytes += (to - from) * 8 / 1e6;
    return read(array, from, to);
  }

  /**
   * Two threads as {@code W1.X} reads {@code X} on two threads: the array taken as rows of 209
   * doubles (X's rows), one thread reads columns 0 to 103 of every row, the other columns 104 to
   * 208, so each reads half the bytes but in runs of 840 bytes instead of one run.
   */
  @Benchmark
  @Threads(2)
  public long twoThreadsColumnHalves(Bytes bytes, ThreadParams thread) {
    int rows = array.length / X_COLUMNS;
    int from = thread.getThreadIndex() == 0 ? 0 : X_COLUMNS / 2;
    int to = thread.getThreadIndex() == 0 ? X_COLUMNS / 2 : X_COLUMNS;
    long bits = 0;
    for (int r = 0; r < rows; r++) {
      bits |= read(array, r * X_COLUMNS + from, r * X_COLUMNS + to);
    }
    bytes.gbytes += (double) rows * (to - from) * 8 / 1e6;
    return bits;
  }

  /** One load per cache line of {@code a[from, to)}, the bits or-ed together so none is dropped. */
  private static long read(double[] a, int from, int to) {
    long bits = 0;
    for (int i = from; i < to; i += LINE) {
      bits |= Double.doubleToRawLongBits(a[i]);
    }
    return bits;
  }
}
