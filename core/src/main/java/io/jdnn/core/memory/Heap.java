package io.jdnn.core.memory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Locale;

/**
 * How much heap new arrays can really take, under whichever collector runs: the one check that
 * every size read from a file or a command line goes through before anything is allocated.
 *
 * <p>{@code Runtime.maxMemory() - used} is what G1 (the default collector) or ZGC can give, since
 * any region holds part of a large array. The serial and parallel collectors split the heap into a
 * young and an old generation, and an array too large for the young one must fit in the old one:
 * under {@code -XX:+UseSerialGC -Xmx512m} an array of 345 MB fails while {@code maxMemory()} says
 * 494 MB. So {@link #usable} is the smaller of the whole heap's room and the room left in the
 * largest pool that states a maximum (the old generation), less {@link #reserve} for what the
 * program allocates meanwhile (a decoder's buffers, logging). Both measures count garbage as
 * used; {@link #refusal} collects once and measures again before it refuses, so garbage alone
 * never causes a refusal.
 *
 * <p>Sizes are multiplied with {@link #bytes} and added with {@link #sum}, which saturate at
 * {@code Long.MAX_VALUE} instead of overflowing: a hostile size is refused instead of wrapping
 * round to a small or negative number.
 *
 * <pre>{@code
 * long need = Heap.bytes(Double.BYTES, rows, cols);
 * String no = Heap.refusal(need);
 * if (no != null) throw new IllegalArgumentException("W1 (" + rows + "x" + cols + "): " + no);
 * }</pre>
 */
public final class Heap {
  /** The most elements one Java array can hold on common JVMs. */
  public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private Heap() {}

  /** The product of {@code factors} (each at least 0), saturating at {@code Long.MAX_VALUE}. */
  public static long bytes(long... factors) {
    long product = 1;
    for (long f : factors) {
      if (f < 0) {
        throw new IllegalArgumentException("a size cannot be negative, got " + f);
      }
      product = f != 0 && product > Long.MAX_VALUE / f ? Long.MAX_VALUE : product * f;
    }
    return product;
  }

  /** The sum of {@code terms} (each at least 0), saturating at {@code Long.MAX_VALUE}. */
  public static long sum(long... terms) {
    long total = 0;
    for (long t : terms) {
      total = t > Long.MAX_VALUE - total ? Long.MAX_VALUE : total + t;
    }
    return total;
  }

  /** What {@link #usable} keeps back: 1/32 of the maximum heap, at least 4 MiB. */
  public static long reserve() {
    return Math.max(4L << 20, Runtime.getRuntime().maxMemory() / 32);
  }

  /** Bytes that new arrays can take now, as measured (garbage counts as used). */
  public static long usable() {
    Runtime rt = Runtime.getRuntime();
    long room = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    long pool = Long.MAX_VALUE;
    long largest = -1;
    for (MemoryPoolMXBean bean : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage usage = bean.getType() == MemoryType.HEAP ? bean.getUsage() : null;
      if (usage != null && usage.getMax() > 0) {
        largest = Math.max(largest, usage.getMax() - usage.getUsed());
      }
    }
    if (largest >= 0) {
      pool = largest;
    }
    return Math.max(0, Math.min(room, pool) - reserve());
  }

  /**
   * Null when {@code needed} bytes fit in the {@link #usable} heap (after one collection if they
   * did not at first); else why not, e.g. {@code "needs 9,375 MiB, and this JVM has 310 MiB usable
   * (maximum heap 494 MiB; raise it with -Xmx)"}.
   */
  public static String refusal(long needed) {
    if (needed <= usable()) {
      return null;
    }
    // Garbage counts as used until a collection: measure again after one before refusing.
    System.gc();
    long usable = usable();
    if (needed <= usable) {
      return null;
    }
    return "needs " + mib(needed) + ", and this JVM has " + mib(usable) + " usable (maximum heap "
        + mib(Runtime.getRuntime().maxMemory()) + "; raise it with -Xmx)";
  }

  /** {@code bytes} as text in MiB, e.g. {@code 1,024 MiB}; saturated sizes as "more than 8 EiB". */
  public static String mib(long bytes) {
    if (bytes == Long.MAX_VALUE) {
      return "more than 8 EiB";
    }
    return String.format(Locale.ROOT, "%,d MiB", (bytes + (1 << 20) - 1) >> 20);
  }
}
