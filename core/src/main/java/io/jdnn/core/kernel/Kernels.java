package io.jdnn.core.kernel;

import java.lang.reflect.InvocationTargetException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel every layer computes with: one process-wide choice, made on first use and logged once
 * at INFO (which kernel, how many threads), which {@link #set} replaces (tests and benchmarks
 * compare kernels that way). A fall-back to the slow kernel is a warning that says how to get the
 * fast one, printed on standard error when no SLF4J logger would show it.
 *
 * <p>The default is {@link VectorKernel} when the JVM has the incubator module
 * {@code jdk.incubator.vector} (run it with {@code --add-modules jdk.incubator.vector}), else
 * {@link OjalgoKernel}, which works on any JVM. The vector class is loaded reflectively, so this
 * class, and the rest of jdnn, load and run without the module. The system property
 * {@code jdnn.kernel} ({@code vector}, {@code ojalgo} or {@code naive}) overrides the choice;
 * {@code jdnn.threads} sets the vector kernel's thread count.
 *
 * <pre>{@code
 * Kernel k = Kernels.get();
 * Kernels.set(new NaiveKernel());
 * }</pre>
 */
public final class Kernels {
  private static final Logger LOG = LoggerFactory.getLogger(Kernels.class);
  static final String VECTOR_MODULE = "jdk.incubator.vector";
  static final String VECTOR_CLASS = "io.jdnn.core.kernel.VectorKernel";
  /** What to tell a user who runs without the module. */
  static final String HOW_TO_GET_VECTOR = "run java with --add-modules " + VECTOR_MODULE
      + " for the Vector API kernel (several times faster)";
  private static volatile Kernel current;

  private Kernels() {}

  /** The kernel in use, choosing the default on first call. */
  public static Kernel get() {
    Kernel k = current;
    if (k == null) {
      synchronized (Kernels.class) {
        if (current == null) {
          current = chooseDefault(System.getProperty("jdnn.kernel"), VECTOR_CLASS);
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

  /**
   * A new kernel by name: {@code vector}, {@code ojalgo} or {@code naive}.
   *
   * @throws IllegalArgumentException for another name
   * @throws IllegalStateException for {@code vector} when the JVM lacks {@code jdk.incubator.vector}
   */
  public static Kernel byName(String name) {
    switch (name) {
      case "vector":
        return loadVector(VECTOR_CLASS).orElseThrow(() -> new IllegalStateException(
            "the vector kernel needs the module " + VECTOR_MODULE + ": " + HOW_TO_GET_VECTOR));
      case "ojalgo":
        return new OjalgoKernel();
      case "naive":
        return new NaiveKernel();
      default:
        throw new IllegalArgumentException("unknown kernel '" + name + "', expected one of: vector, ojalgo, naive");
    }
  }

  /**
   * Starts compiling the vector kernel's loops on a background thread now, if the vector kernel is
   * the one this JVM will use (see {@code WarmUp}); does nothing otherwise, and nothing the second
   * time. A program calls it first thing in {@code main}, so that the JIT's work overlaps its
   * start-up; creating a {@link VectorKernel} does the same, later.
   */
  public static void warmUp() {
    String property = System.getProperty("jdnn.kernel");
    boolean vectorChosen = property == null || property.isBlank() || property.trim().equals("vector");
    if (vectorChosen && vectorApiAvailable()) {
      WarmUp.startOnce();
    }
  }

  /** True when the JVM was started with the incubator module the vector kernel needs. */
  public static boolean vectorApiAvailable() {
    return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
  }

  /**
   * The default for a {@code jdnn.kernel} value ({@code null}: the fastest available), logging the
   * choice; {@code vectorClass} is the class to load reflectively (a parameter so that tests can
   * make the load fail).
   */
  static Kernel chooseDefault(String property, String vectorClass) {
    if (property != null && !property.isBlank()) {
      Kernel k = byName(property.trim());
      LOG.info("jdnn kernel: {} with {} thread(s) (set by -Djdnn.kernel)", k.name(), k.threads());
      return k;
    }
    Optional<Kernel> vector = loadVector(vectorClass);
    if (vector.isPresent()) {
      Kernel k = vector.get();
      LOG.info("jdnn kernel: {} ({} doubles per vector) with {} thread(s)", k.name(), VectorKernel.lanes(), k.threads());
      return k;
    }
    Kernel k = new OjalgoKernel();
    tellOnce("jdnn kernel: " + k.name() + " with " + k.threads() + " thread(s), the slow one; " + HOW_TO_GET_VECTOR);
    return k;
  }

  /**
   * A warning the user must see even with no logger: through SLF4J when it would show a warning,
   * else once on standard error. A library user without an SLF4J provider (SLF4J then drops every
   * message) or with warnings turned off would otherwise run 5-10x slower and never learn why.
   * Called once per JVM: the choice of the default kernel is made once.
   */
  static void tellOnce(String warning) {
    if (LOG.isWarnEnabled()) {
      LOG.warn(warning);
    } else {
      System.err.println("jdnn: " + warning);
    }
  }

  /**
   * A new instance of the vector kernel class, or empty when the module is missing or the class
   * cannot be loaded or linked.
   */
  static Optional<Kernel> loadVector(String className) {
    if (!vectorApiAvailable()) {
      return Optional.empty();
    }
    try {
      Class<?> type = Class.forName(className);
      return Optional.of((Kernel) type.getDeclaredConstructor().newInstance());
    } catch (ClassNotFoundException | LinkageError | NoSuchMethodException | InstantiationException
        | IllegalAccessException | ClassCastException e) {
      LOG.debug("vector kernel {} unavailable", className, e);
      return Optional.empty();
    } catch (InvocationTargetException e) {
      // A bad jdnn.threads value must reach the user, not silently select another kernel.
      if (e.getCause() instanceof IllegalArgumentException iae) {
        throw iae;
      }
      LOG.debug("vector kernel {} failed to start", className, e);
      return Optional.empty();
    }
  }
}
