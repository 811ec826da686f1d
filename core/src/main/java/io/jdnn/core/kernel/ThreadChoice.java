package io.jdnn.core.kernel;

/**
 * Decides, product by product, whether a product large enough to share goes to the worker threads
 * or runs on the calling thread alone, from how sharing went for the products before it.
 *
 * <p>Why: on a machine whose cores are shared with other work (other processes, or a host that
 * takes a virtual core away), a worker can be descheduled in the middle of a part it has claimed,
 * and the caller, done with its own parts, then waits until the worker runs again: one such stall
 * costs more than the whole product would have on one thread. When the caller waited for the
 * others longer than it worked itself (on an idle machine the wait is at most the tail of one part,
 * a small fraction; when it exceeds the caller's own time, sharing took longer than one thread
 * alone would have), the next {@value #SOLO_PRODUCTS} shareable products run on the calling thread, and the one after
 * them tries sharing again; meanwhile idle workers park at once instead of spinning, since on
 * such a machine a spinning worker burns CPU time the calling thread needs. On an idle machine the wait is a small fraction of the work and every
 * shareable product is shared. Which thread computes a part never changes its bits, so this choice
 * changes only the time.
 *
 * <pre>{@code
 * if (choice.share()) { pool.run(task, parts); choice.shared(pool.lastBusyNanos(), pool.lastWaitNanos()); }
 * }</pre>
 */
final class ThreadChoice {
  /** Shareable products run alone after sharing lost: a few training iterations' worth. */
  static final int SOLO_PRODUCTS = 64;
  private int soloLeft;
  private long stalls;

  /**
   * Whether the machine looks busy: sharing lost within the last {@value #SOLO_PRODUCTS} shareable
   * products. The workers then park as soon as they are idle instead of spinning.
   */
  boolean contended() {
    return soloLeft > 0;
  }

  /** Whether the next shareable product should go to the workers. */
  boolean share() {
    if (soloLeft > 0) {
      soloLeft--;
      return false;
    }
    return true;
  }

  /**
   * Records a shared product: the caller's time on its own parts and its wait for the other
   * threads' parts afterwards, in nanoseconds. A stall is a wait longer than the work (with half
   * of it, the threshold this had before, a virtual machine whose second core comes and goes sent
   * the course's W1.X to one thread so often that it ran at 14-20 GFLOP/s, against 20-22 when
   * always shared; docs/performance.md).
   */
  void shared(long busyNanos, long waitNanos) {
    if (waitNanos > busyNanos) {
      soloLeft = SOLO_PRODUCTS;
      stalls++;
    }
  }

  /** How many shared products took longer than the calling thread alone would have. */
  long stalls() {
    return stalls;
  }
}
