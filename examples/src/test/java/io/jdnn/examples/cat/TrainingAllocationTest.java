package io.jdnn.examples.cat;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.kernel.Kernel;
import io.jdnn.core.kernel.Kernels;
import io.jdnn.core.kernel.VectorKernel;
import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.GradientClipping;
import io.jdnn.core.training.Objective;
import io.jdnn.core.training.Optimizer;
import io.jdnn.core.training.Trainer;
import io.jdnn.layers.Networks;
import io.jdnn.losses.BinaryCrossEntropy;
import io.jdnn.optim.AdamW;
import io.jdnn.optim.SGD;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A training iteration of the course's architecture (the {@link Objective} pass and the SGD
 * step that {@code Trainer} runs per full batch) allocates nothing once the JIT has compiled it, on
 * the training thread or the kernel's worker: layers reuse their buffers, the kernel hands
 * products over without task objects, and the vector loops keep their vectors in registers. The
 * first iterations run interpreted (which allocates every vector), so the test looks for three
 * quiet iterations in a row within a generous number of them.
 */
class TrainingAllocationTest {
  private static final int MAX_ITERATIONS = 3000;

  @Test
  void iterationsAllocateNothingOnceCompiled() {
    assertIterationsAllocateNothing(model(), new SGD(0.0075), 0);
  }

  /**
   * Issue 18's pieces in the same step: batch normalization (forward with its running averages,
   * backward through the batch statistics), gradient clipping and AdamW's decay.
   */
  @Test
  void batchNormalizationClippingAndAdamWAllocateNothingOnceCompiled() {
    Sequential model = Networks.reluSigmoidWithBatchNorm(1.0, 0, FEATURES, 20, 7, 5, 1)
        .initialize(Initializer.LECUN, new NumpyRandom(1));
    assertIterationsAllocateNothing(model, new AdamW(1e-4, 0.01), 0.5);
  }

  private static void assertIterationsAllocateNothing(Sequential model, Optimizer optimizer, double clipNorm) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    threads.setThreadAllocatedMemoryEnabled(true);
    Matrix x = inputs(3);
    Matrix y = labels();
    Kernel previous = Kernels.get();
    VectorKernel kernel = new VectorKernel(2); // its worker is the newest kernel thread
    Kernels.set(kernel);
    try {
      long[] ids = {Thread.currentThread().getId(), workerId()};
      long overhead = Long.MAX_VALUE;
      for (int i = 0; i < 5; i++) {
        long before = total(threads, ids);
        overhead = Math.min(overhead, total(threads, ids) - before);
      }
      // The iteration Trainer runs per full batch: a backpropagation pass and an optimizer step.
      Objective pass = new Objective(model, new BinaryCrossEntropy());
      List<Parameter> parameters = model.parameters();
      optimizer.initialize(parameters);
      int quiet = 0;
      long last = -1;
      for (int i = 0; i < MAX_ITERATIONS && quiet < 3; i++) {
        long before = total(threads, ids);
        double cost = pass.run(x, y);
        if (clipNorm > 0) {
          GradientClipping.clipByGlobalNorm(parameters, clipNorm);
        }
        optimizer.step(parameters);
        last = total(threads, ids) - before - overhead;
        quiet = last <= 0 && Double.isFinite(cost) ? quiet + 1 : 0;
      }
      assertThat(quiet).as("iterations in a row without allocation (the last allocated %d bytes)", last).isEqualTo(3);
    } finally {
      Kernels.set(previous);
      kernel.close();
    }
  }

  /** The same through Trainer.fit, full batch: the loop around the pass adds no allocation either. */
  @Test
  void trainerIterationsAllocateNothingOnceCompiled() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    threads.setThreadAllocatedMemoryEnabled(true);
    Matrix x = inputs(5);
    Matrix y = labels();
    Sequential model = model();
    Kernel previous = Kernels.get();
    VectorKernel kernel = new VectorKernel(2);
    Kernels.set(kernel);
    try {
      long[] ids = {Thread.currentThread().getId(), workerId()};
      // Bytes allocated between one iteration's listener call and the next, recorded without allocating.
      long[] between = new long[MAX_ITERATIONS];
      long[] last = {-1};
      new Trainer(model, new BinaryCrossEntropy(), new SGD(0.0075))
          .listener((i, cost) -> {
            long now = total(threads, ids);
            if (i > 0) {
              between[i] = now - last[0];
            }
            last[0] = total(threads, ids); // after the bookkeeping above
          })
          .fit(x, y, MAX_ITERATIONS);
      int longestQuiet = 0;
      int run = 0;
      for (int i = 1; i < MAX_ITERATIONS; i++) {
        run = between[i] <= 0 ? run + 1 : 0;
        longestQuiet = Math.max(longestQuiet, run);
      }
      assertThat(longestQuiet).as("Trainer iterations in a row without allocation").isGreaterThanOrEqualTo(3);
    } finally {
      Kernels.set(previous);
      kernel.close();
    }
  }

  // [1200, 20, 7, 5, 1] on 64 examples: W1.X is 1.5 M multiply-adds, so it goes to the worker.
  private static final int FEATURES = 1200;
  private static final int M = 64;

  private static Matrix inputs(long seed) {
    Matrix x = Matrix.zeros(FEATURES, M);
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = rng.nextDouble();
    }
    return x;
  }

  private static Matrix labels() {
    Matrix y = Matrix.zeros(1, M);
    for (int j = 0; j < M; j++) {
      y.data()[j] = j % 3 == 0 ? 1 : 0;
    }
    return y;
  }

  private static Sequential model() {
    return Networks.reluSigmoid(FEATURES, 20, 7, 5, 1).initialize(Initializer.LECUN, new NumpyRandom(1));
  }

  private static long workerId() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("jdnn-kernel-") && t.isAlive())
        .mapToLong(Thread::getId)
        .max()
        .orElseThrow(() -> new AssertionError("the kernel has no worker thread"));
  }

  private static long total(com.sun.management.ThreadMXBean threads, long[] ids) {
    long sum = 0;
    for (long id : ids) {
      sum += Math.max(0, threads.getThreadAllocatedBytes(id));
    }
    return sum;
  }
}
