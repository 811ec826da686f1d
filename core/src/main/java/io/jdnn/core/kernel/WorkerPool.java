package io.jdnn.core.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of daemon threads that run one job at a time: a job is a number of parts, and the
 * calling thread and the workers claim parts one by one until none is left, so a thread the
 * operating system delays simply does fewer parts. {@link #run} returns when every part is done.
 *
 * <p>Built for a training loop that calls it twice per iteration with jobs of a few milliseconds:
 * handing a job over allocates nothing (the job is a long-lived {@link Task} whose fields the caller
 * sets beforehand), and a worker spins briefly before parking, so back-to-back jobs skip the
 * wake-up latency of a park without burning a core when idle. Which thread runs a part does not
 * matter to a job that maps parts to fixed output tiles: its result is the same every time.
 *
 * <p>One job runs at a time: {@link #run} is synchronized, so concurrent callers take turns.
 *
 * <pre>{@code
 * WorkerPool pool = new WorkerPool(2, "jdnn-kernel");
 * pool.run((part, parts) -> fill(part * n / parts, (part + 1) * n / parts), 8);
 * }</pre>
 */
final class WorkerPool implements AutoCloseable {
  /**
   * How long an idle thread spins before parking: longer than the gaps between a training
   * iteration's two big products at m = 209 (the small layers, the cost, the SGD step), so that
   * neither the workers nor the caller, waiting for the last part, park and wait to be woken within
   * an iteration; shorter spins made the course's iteration slower (docs/performance.md, "Figures
   * that were in the kernel's comments"). Spinning costs nothing on a core that has nothing else
   * to do, and a pool idle for longer than this parks.
   */
  static final long SPIN_NANOS = 1_000_000;
  /**
   * How long threads spin now: {@link #SPIN_NANOS}, or 0 while the machine is taking cores away
   * ({@link #spinning}): a spinning worker then burns CPU time the calling thread needs for the
   * work between products.
   */
  private volatile long spinNanos = SPIN_NANOS;

  /** One job, called once per part. */
  @FunctionalInterface
  interface Task {
    /** Does part {@code part} (0-based) of {@code parts}. */
    void run(int part, int parts);
  }

  private final int threads;
  private final Thread[] workers;
  /** A part number no job has: claiming is closed while a new job is being set up. */
  private static final long CLOSED = Integer.MAX_VALUE;
  /** The job number (high 32 bits) and the next unclaimed part (low 32 bits), changed together. */
  private final AtomicLong claims = new AtomicLong();
  private final AtomicInteger completed = new AtomicInteger();
  private volatile Task task;
  private volatile int parts;
  private volatile long job;
  private volatile Thread caller;
  private volatile Throwable failure;
  private volatile boolean closed;
  /** Of the latest job run with workers: the caller's time on its own parts, then its wait for the rest. */
  private long lastBusyNanos;
  private long lastWaitNanos;

  /** A pool of {@code threads} threads: the caller and {@code threads - 1} daemon workers. */
  WorkerPool(int threads, String name) {
    if (threads < 1) {
      throw new IllegalArgumentException("a worker pool needs at least 1 thread, got " + threads);
    }
    this.threads = threads;
    this.workers = new Thread[threads - 1];
    for (int w = 0; w < workers.length; w++) {
      Thread t = new Thread(this::work, name + "-" + (w + 1));
      t.setDaemon(true);
      workers[w] = t;
      t.start();
    }
  }

  /** The number of threads that share a job. */
  int threads() {
    return threads;
  }

  /** Runs parts {@code 0 .. parts-1} of {@code job} on every thread; rethrows the first failure. */
  synchronized void run(Task job, int parts) {
    if (closed) {
      throw new IllegalStateException("worker pool is closed");
    }
    if (workers.length == 0 || parts == 1) {
      for (int p = 0; p < parts; p++) {
        job.run(p, parts);
      }
      return;
    }
    long number = this.job + 1;
    // Close claiming under the new job number before touching the job's fields: a thread still
    // looking at the previous job may read the new fields, but can no longer claim with the old
    // number, and cannot claim under the new one until it is opened below.
    claims.set(number << 32 | CLOSED);
    failure = null;
    caller = Thread.currentThread();
    completed.set(0);
    task = job;
    this.parts = parts;
    claims.set(number << 32); // open: part 0 is next
    this.job = number; // volatile write: wakes the workers' wait loops
    for (Thread w : workers) {
      LockSupport.unpark(w);
    }
    long start = System.nanoTime();
    runParts(number);
    long ownPartsDone = System.nanoTime();
    long spinUntil = ownPartsDone + spinNanos;
    while (completed.get() < parts) {
      if (System.nanoTime() < spinUntil) {
        Thread.onSpinWait();
      } else {
        LockSupport.park(this);
      }
    }
    task = null;
    lastBusyNanos = ownPartsDone - start;
    lastWaitNanos = System.nanoTime() - ownPartsDone;
    Throwable first = failure;
    if (first instanceof RuntimeException e) {
      throw e;
    }
    if (first instanceof Error e) {
      throw e;
    }
    if (first != null) {
      throw new IllegalStateException("a kernel worker failed", first);
    }
  }

  /** Whether idle threads spin before parking ({@link #SPIN_NANOS}) or park at once. */
  void spinning(boolean spin) {
    long nanos = spin ? SPIN_NANOS : 0;
    if (spinNanos != nanos) {
      spinNanos = nanos;
    }
  }

  /**
   * For the latest job that went to the workers: how long the calling thread spent on the parts it
   * claimed itself, in nanoseconds. Read by the caller right after {@link #run}.
   */
  synchronized long lastBusyNanos() {
    return lastBusyNanos;
  }

  /** For the same job: how long the calling thread then waited for the parts other threads had claimed. */
  synchronized long lastWaitNanos() {
    return lastWaitNanos;
  }

  /**
   * Claims and runs parts of job {@code number} until none is left. A claim succeeds only while
   * the job is still {@code number}, so a thread that wakes late never runs a part of a later job
   * with the wrong task.
   */
  private void runParts(long number) {
    Task t = task;
    int n = parts;
    while (true) {
      long s = claims.get();
      int part = (int) s;
      if (s >>> 32 != number || part >= n) {
        return;
      }
      if (claims.compareAndSet(s, s + 1)) {
        try {
          t.run(part, n);
        } catch (Throwable e) {
          failure = e;
        }
        if (completed.incrementAndGet() == n) {
          LockSupport.unpark(caller);
        }
      }
    }
  }

  private void work() {
    long seen = 0;
    while (!closed) {
      long spinUntil = System.nanoTime() + spinNanos;
      while (job == seen && !closed) {
        if (System.nanoTime() < spinUntil) {
          Thread.onSpinWait();
        } else {
          LockSupport.park(this);
        }
      }
      if (closed) {
        return;
      }
      seen = job;
      runParts(seen);
    }
  }

  /** Stops the workers; a closed pool refuses new jobs. */
  @Override
  public void close() {
    closed = true;
    for (Thread w : workers) {
      LockSupport.unpark(w);
    }
  }
}
