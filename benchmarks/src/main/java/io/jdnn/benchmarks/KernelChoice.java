package io.jdnn.benchmarks;

import io.jdnn.core.kernel.Kernel;
import io.jdnn.core.kernel.NaiveKernel;
import io.jdnn.core.kernel.OjalgoKernel;
import io.jdnn.core.kernel.VectorKernel;
import org.ojalgo.matrix.operation.MultiplyNeither;

/**
 * The kernels the benchmarks compare, by a JMH parameter value {@code name-threads}:
 * {@code naive} (one thread), {@code ojalgo-1}, {@code ojalgo-2}, {@code vector-1}, {@code vector-2}.
 *
 * <pre>{@code
 * Kernel k = KernelChoice.create("vector-2");
 * }</pre>
 */
final class KernelChoice {
  private KernelChoice() {}

  /** A new kernel for {@code spec}; for ojalgo this sets ojalgo's (process-wide) thread count. */
  static Kernel create(String spec) {
    String[] parts = spec.split("-");
    int threads = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
    switch (parts[0]) {
      case "naive":
        return new NaiveKernel();
      case "ojalgo":
        MultiplyNeither.PARALLELISM = () -> threads;
        return new OjalgoKernel();
      case "vector":
        return new VectorKernel(threads);
      default:
        throw new IllegalArgumentException("unknown kernel '" + spec + "', expected naive, ojalgo-N or vector-N");
    }
  }

  /** Stops a kernel's threads, if it has any. */
  static void close(Kernel kernel) {
    if (kernel instanceof VectorKernel v) {
      v.close();
    }
  }
}
