package io.jdnn.core.kernel;

import static io.jdnn.core.kernel.KernelFixtures.random;
import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.math.Matrix;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Once compiled, the vector kernel's products and optimizer steps allocate nothing, on the calling thread or its
 * workers: vectors stay in registers (no boxing) and a product is handed over without a task
 * object. Until the JIT compiles the loops the interpreter allocates every vector, so the test
 * repeats the calls until three in a row allocate nothing, within a generous number of rounds.
 */
class VectorKernelAllocationTest {
  private static final int MAX_ROUNDS = 3000;

  @Test
  void productsAllocateNothingOnceCompiled() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
    threads.setThreadAllocatedMemoryEnabled(true);
    // Big enough to go to the workers (1.1 M multiply-adds), with edges in every dimension.
    Matrix a = random(37, 300, 1);
    Matrix b = random(300, 101, 2);
    Matrix bt = random(101, 300, 3);
    Matrix at = random(300, 37, 4);
    Matrix bias = random(37, 1, 5);
    Matrix c = Matrix.zeros(37, 101);
    Matrix pixels = KernelFixtures.randomBytes(300, 101, 6, 255.0); // B decoded from bytes
    Matrix pixelsT = KernelFixtures.randomBytes(101, 300, 7, 255.0);
    AdamRule rule = new AdamRule(0.9, 0.999, 1e-8);
    // Adam on the digits network's W1 (100,480 elements): shared between the threads.
    Matrix first = Matrix.zeros(128, 785);
    Matrix second = Matrix.zeros(128, 785);
    Matrix state = random(128, 785, 8);
    Matrix gradient = random(128, 785, 9);
    assertThat(state.size()).as("an Adam step the threads share").isGreaterThanOrEqualTo(VectorKernel.SHARE_ADAM_FROM);
    try (VectorKernel kernel = new VectorKernel(2, VectorKernel.narrowBlocksFit(), KernelFixtures.SMALL_SHARE_FROM)) {
      long[] ids = kernelThreadIds();
      assertThat(ids).as("the calling thread and at least this kernel's worker").hasSizeGreaterThanOrEqualTo(2);
      // Reading another thread's counter allocates a little itself: measure that, then allow it.
      long overhead = Long.MAX_VALUE;
      for (int i = 0; i < 5; i++) {
        long before = total(threads, ids);
        overhead = Math.min(overhead, total(threads, ids) - before);
      }
      int quietRounds = 0;
      long lastAllocation = -1;
      for (int round = 0; round < MAX_ROUNDS && quietRounds < 3; round++) {
        long before = total(threads, ids);
        kernel.matmul(a, b, c);
        kernel.matmulAddBias(a, b, bias, c);
        kernel.matmulTransposeB(a, bt, c);
        kernel.matmulTransposeA(at, b, c);
        kernel.matmulAddBias(a, pixels, bias, c);
        kernel.matmulTransposeB(a, pixelsT, c);
        kernel.adamStep(rule, 1e-3, round + 1, first, second, gradient, state);
        kernel.momentumStep(0.9, 0.01, second, gradient, state);
        lastAllocation = total(threads, ids) - before - overhead;
        quietRounds = lastAllocation <= 0 ? quietRounds + 1 : 0;
      }
      assertThat(quietRounds).as("rounds in a row without allocation (last round allocated %d bytes)", lastAllocation)
          .isEqualTo(3);
    }
  }

  private static long[] kernelThreadIds() {
    long[] ids = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("jdnn-kernel-"))
        .mapToLong(Thread::getId)
        .toArray();
    long[] all = new long[ids.length + 1];
    all[0] = Thread.currentThread().getId();
    System.arraycopy(ids, 0, all, 1, ids.length);
    return all;
  }

  private static long total(com.sun.management.ThreadMXBean threads, long[] ids) {
    long sum = 0;
    for (long id : ids) {
      sum += Math.max(0, threads.getThreadAllocatedBytes(id)); // -1 once a thread has ended
    }
    return sum;
  }
}
