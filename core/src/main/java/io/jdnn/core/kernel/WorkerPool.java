package io.jdnn.core.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of daemon threads that run one job at a time, split into as many parts as there are
 * threads: part 0 on the calling thread, part {@code t} on worker {@code t}. {@link #run} returns
 * when every part is done.
 *
 * <p>Built for a training loop that calls it twice per iteration with jobs of a few milliseconds:
 * handing a job over allocates nothing (the job is a long-lived {@link Task} whose fields the caller
 * sets beforehand), and a worker spins briefly before parking, so back-to-back jobs skip the
 * wake-up latency of a park without burning a core when idle. Which part a thread runs is fixed by
 * its index, so a job that maps parts to fixed output tiles gives the same result every time.
 *
 * <p>One job runs at a time: {@link #run} is synchronized, so concurrent callers take turns.
 *
 * <pre>{@code
 * WorkerPool pool = new WorkerPool(2, "jdnn-kernel");
 * pool.run((part, parts) -> fill(part * n / parts, (part + 1) * n / parts));
 * }</pre>
 */
final class WorkerPool implements AutoCloseable {
  /** How long an idle thread spins before parking: a little longer than the gaps between products. */
  private static final long SPIN_NANOS = 50_000;

  /** One job, called once per part. */
  @FunctionalInterface
  interface Task {
    /** Does part {@code part} (0-based) of {@code parts}. */
    void run(int part, int parts);
  }

  private final int threads;
  private final Thread[] workers;
  private final AtomicInteger pending = new AtomicInteger();
  private volatile Task task;
  private volatile long generation;
  private volatile Thread caller;
  private volatile Throwable failure;
  private volatile boolean closed;

  /** A pool of {@code threads} parts: the caller and {@code threads - 1} daemon workers. */
  WorkerPool(int threads, String name) {
    if (threads < 1) {
      throw new IllegalArgumentException("a worker pool needs at least 1 thread, got " + threads);
    }
    this.threads = threads;
    this.workers = new Thread[threads - 1];
    for (int w = 0; w < workers.length; w++) {
      int part = w + 1;
      Thread t = new Thread(() -> work(part), name + "-" + part);
      t.setDaemon(true);
      workers[w] = t;
      t.start();
    }
  }

  /** The number of parts a job is split into. */
  int threads() {
    return threads;
  }

  /** Runs {@code job} on every thread, part 0 here; rethrows the first failure of any part. */
  synchronized void run(Task job) {
    if (closed) {
      throw new IllegalStateException("worker pool is closed");
    }
    if (workers.length == 0) {
      job.run(0, 1);
      return;
    }
    failure = null;
    caller = Thread.currentThread();
    pending.set(workers.length);
    task = job;
    generation++; // volatile write: publishes the job to the workers
    for (Thread w : workers) {
      LockSupport.unpark(w);
    }
    Throwable own = null;
    try {
      job.run(0, threads);
    } catch (Throwable t) {
      own = t;
    }
    awaitWorkers();
    task = null;
    Throwable first = own != null ? own : failure;
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

  private void awaitWorkers() {
    long spinUntil = System.nanoTime() + SPIN_NANOS;
    while (pending.get() != 0) {
      if (System.nanoTime() < spinUntil) {
        Thread.onSpinWait();
      } else {
        LockSupport.park(this);
      }
    }
  }

  private void work(int part) {
    long seen = 0;
    while (!closed) {
      long spinUntil = System.nanoTime() + SPIN_NANOS;
      while (generation == seen && !closed) {
        if (System.nanoTime() < spinUntil) {
          Thread.onSpinWait();
        } else {
          LockSupport.park(this);
        }
      }
      if (closed) {
        return;
      }
      seen = generation;
      try {
        task.run(part, threads);
      } catch (Throwable t) {
        failure = t;
      }
      if (pending.decrementAndGet() == 0) {
        LockSupport.unpark(caller);
      }
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
