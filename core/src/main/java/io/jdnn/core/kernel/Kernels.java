package io.jdnn.core.kernel;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel every layer computes with: one process-wide choice, made on first use and logged once
 * at INFO, which {@link #set} replaces (tests and benchmarks compare kernels that way).
 *
 * <p>The default is chosen by the system property {@code jdnn.kernel} ({@code ojalgo} or
 * {@code naive}); without it, ojalgo.
 *
 * <pre>{@code
 * Kernel k = Kernels.get();
 * Kernels.set(new NaiveKernel());
 * }</pre>
 */
public final class Kernels {
  private static final Logger LOG = LoggerFactory.getLogger(Kernels.class);
  private static volatile Kernel current;

  private Kernels() {}

  /** The kernel in use, choosing the default on first call. */
  public static Kernel get() {
    Kernel k = current;
    if (k == null) {
      synchronized (Kernels.class) {
        if (current == null) {
          current = chooseDefault();
          LOG.info("jdnn kernel: {} with {} thread(s)", current.name(), current.threads());
        }
        k = current;
      }
    }
    return k;
  }

  /** Makes {@code kernel} the one every layer uses from now on; returns the previous one. */
  public static Kernel set(Kernel kernel) {
    Objects.requireNonNull(kernel, "kernel");
    synchronized (Kernels.class) {
      Kernel previous = current;
      current = kernel;
      return previous;
    }
  }

  /** A kernel by name: {@code ojalgo} or {@code naive}. */
  public static Kernel byName(String name) {
    switch (name) {
      case "ojalgo":
        return new OjalgoKernel();
      case "naive":
        return new NaiveKernel();
      default:
        throw new IllegalArgumentException("unknown kernel '" + name + "', expected one of: ojalgo, naive");
    }
  }

  private static Kernel chooseDefault() {
    String name = System.getProperty("jdnn.kernel");
    return byName(name == null ? "ojalgo" : name);
  }
}
