package io.jdnn.examples.cat;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.Initializer;
import io.jdnn.core.Matrix;
import io.jdnn.core.NumpyRandom;
import io.jdnn.core.Sequential;
import io.jdnn.core.Trainer;
import io.jdnn.core.kernel.Kernel;
import io.jdnn.core.kernel.Kernels;
import io.jdnn.core.kernel.VectorKernel;
import io.jdnn.layers.Networks;
import io.jdnn.losses.BinaryCrossEntropy;
import io.jdnn.optim.SGD;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A training iteration of the course's architecture allocates nothing once the JIT has compiled
 * it, on the training thread or the kernel's worker: layers reuse their buffers, the kernel hands
 * products over without task objects, and the vector loops keep their vectors in registers. The
 * first iterations run interpreted (which allocates every vector), so the test looks for three
 * quiet iterations in a row within a generous number of them.
 */
class TrainingAllocationTest {
  private static final int MAX_ITERATIONS = 3000;

  @Test
  void iterationsAllocateNothingOnceCompiled() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    threads.setThreadAllocatedMemoryEnabled(true);
    // [1200, 20, 7, 5, 1] on 64 examples: W1.X is 1.5 M multiply-adds, so it goes to the worker.
    int features = 1200;
    int m = 64;
    Matrix x = Matrix.zeros(features, m);
    Matrix y = Matrix.zeros(1, m);
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = rng.nextDouble();
    }
    for (int j = 0; j < m; j++) {
      y.data()[j] = j % 3 == 0 ? 1 : 0;
    }
    Sequential model = Networks.reluSigmoid(features, 20, 7, 5, 1).initialize(Initializer.LECUN, new NumpyRandom(1));
    Kernel previous = Kernels.get();
    VectorKernel kernel = new VectorKernel(2); // its worker is the newest kernel thread
    Kernels.set(kernel);
    try {
      long[] ids = {Thread.currentThread().getId(), workerId()};
      long[] state = new long[3]; // bytes at the last iteration, quiet iterations in a row, last delta
      long overhead = Long.MAX_VALUE;
      for (int i = 0; i < 5; i++) {
        long before = total(threads, ids);
        overhead = Math.min(overhead, total(threads, ids) - before);
      }
      long measuring = overhead;
      state[0] = total(threads, ids);
      new Trainer(model, new BinaryCrossEntropy(), new SGD(0.0075))
          .listener((iteration, cost) -> {
            long now = total(threads, ids);
            long delta = now - state[0] - measuring;
            state[2] = delta;
            state[1] = delta <= 0 ? state[1] + 1 : 0;
            state[0] = total(threads, ids);
            if (state[1] >= 3) {
              throw new Quiet();
            }
          })
          .fit(x, y, MAX_ITERATIONS);
      throw new AssertionError("no 3 iterations in a row without allocation; the last allocated " + state[2] + " bytes");
    } catch (Quiet expected) {
      assertThat(expected).isInstanceOf(Quiet.class);
    } finally {
      Kernels.set(previous);
      kernel.close();
    }
  }

  /** Thrown from the listener to stop training once the point is made. */
  private static final class Quiet extends RuntimeException {
    Quiet() {
      super("three quiet iterations", null, false, false);
    }
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
