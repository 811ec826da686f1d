package io.jdnn.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every part of every job runs exactly once, across many back-to-back jobs whose part counts
 * change (a thread that looks at a job late must not claim a part of the next one).
 */
class WorkerPoolTest {
  private static final int[] PART_COUNTS = {7, 8, 1, 3, 12, 2, 9};

  @ParameterizedTest(name = "{0} threads")
  @ValueSource(ints = {2, 3})
  void everyPartRunsExactlyOnce(int threads) {
    int[] runs = new int[16];
    int[] wrongCount = new int[1];
    try (WorkerPool pool = new WorkerPool(threads, "test-pool")) {
      for (int job = 0; job < 20_000; job++) {
        int parts = PART_COUNTS[job % PART_COUNTS.length];
        java.util.Arrays.fill(runs, 0);
        pool.run((part, n) -> {
          if (n != parts) {
            wrongCount[0]++;
          }
          runs[part]++;
        }, parts);
        for (int p = 0; p < runs.length; p++) {
          if (runs[p] != (p < parts ? 1 : 0)) {
            throw new AssertionError("job " + job + " of " + parts + " parts ran part " + p + " " + runs[p] + " times");
          }
        }
      }
    }
    assertThat(wrongCount[0]).as("parts told the wrong part count").isZero();
  }

  @ParameterizedTest(name = "{0} threads")
  @ValueSource(ints = {1, 2})
  void aFailingPartFailsTheJobAndThePoolGoesOn(int threads) {
    try (WorkerPool pool = new WorkerPool(threads, "test-pool")) {
      assertThatThrownBy(() -> pool.run((part, n) -> {
        if (part == 1) {
          throw new IllegalStateException("part 1 failed");
        }
      }, 4)).isInstanceOf(IllegalStateException.class).hasMessage("part 1 failed");
      int[] runs = new int[4];
      pool.run((part, n) -> runs[part]++, 4);
      assertThat(runs).containsExactly(1, 1, 1, 1);
    }
  }

  @ParameterizedTest(name = "{0} threads")
  @ValueSource(ints = {1, 2})
  void aClosedPoolRefusesJobs(int threads) {
    WorkerPool pool = new WorkerPool(threads, "test-pool");
    pool.close();
    assertThatThrownBy(() -> pool.run((part, n) -> { }, 2))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }
}
