package io.jdnn.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.training.dataset.Dataset;
import org.junit.jupiter.api.Test;

/**
 * A huge iteration count is a bound, not a size: training 2,147,483,647 iterations used to
 * allocate five arrays of that length before the first step (an OutOfMemoryError); the records
 * now grow with the iterations actually run.
 */
class TrainerSizesTest {
  /** Stops a run from a listener, the way a user's Ctrl-C would, after the iterations the test needs. */
  private static final class Stop extends RuntimeException {
    Stop() {
      super("enough");
    }
  }

  @Test
  void theLargestIterationCountStartsTrainingAtOnce() {
    Dataset d = Fixtures.data(4, 30, 2);
    int[] seen = {0};
    Trainer trainer = new Trainer(Fixtures.network(4, 3), new Fixtures.CrossEntropy(), parameters -> { })
        .listener((i, cost) -> {
          seen[0] = i + 1;
          if (i == 20_000) {
            throw new Stop();
          }
        });
    assertThatThrownBy(() -> trainer.fit(d.x(), d.y(), Integer.MAX_VALUE)).isInstanceOf(Stop.class);
    // Past the first growth of the records (8,192), so growing was exercised too.
    assertThat(seen[0]).isEqualTo(20_001);
  }

  @Test
  void recordsThatGrowKeepEveryCost() {
    Dataset d = Fixtures.data(4, 30, 2);
    History h = new Trainer(Fixtures.network(4, 3), new Fixtures.CrossEntropy(), parameters -> { })
        .fit(d.x(), d.y(), 10_000);
    assertThat(h.costs()).hasSize(10_000);
    assertThat(h.epochs()).hasSize(10_000);
    assertThat(h.last().epoch()).isEqualTo(9_999);
    // No optimizer step: every iteration's cost is the first one.
    assertThat(h.costs()).containsOnly(h.costs()[0]);
  }
}
