package io.jdnn.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The per-product choice between sharing a product and running it alone, on given timings. */
class ThreadChoiceTest {

  @Test
  void sharesWhileTheWorkersKeepUp() {
    ThreadChoice choice = new ThreadChoice();
    for (int i = 0; i < 1000; i++) {
      assertThat(choice.share()).as("product %d", i).isTrue();
      choice.shared(1_000_000, 50_000); // the caller waited 5% of its own time
    }
    assertThat(choice.stalls()).isZero();
  }

  @Test
  void afterAStalledWorkerRunsTheNextProductsAloneThenTriesAgain() {
    ThreadChoice choice = new ThreadChoice();
    assertThat(choice.share()).isTrue();
    choice.shared(1_000_000, 3_000_000); // the caller waited three times its own work
    assertThat(choice.stalls()).isEqualTo(1);
    for (int i = 0; i < ThreadChoice.SOLO_PRODUCTS; i++) {
      assertThat(choice.share()).as("product %d after the stall", i).isFalse();
    }
    assertThat(choice.share()).as("sharing is tried again").isTrue();
    choice.shared(1_000_000, 10_000);
    assertThat(choice.share()).as("and kept when the workers keep up").isTrue();
  }

  @Test
  void aWaitAsLongAsTheCallersWorkIsTheLimit() {
    ThreadChoice choice = new ThreadChoice();
    choice.share();
    choice.shared(2_000_000, 2_000_000);
    assertThat(choice.contended()).isFalse();
    assertThat(choice.share()).isTrue();
    choice.shared(2_000_000, 2_000_001);
    assertThat(choice.contended()).as("idle workers park at once").isTrue();
    assertThat(choice.share()).isFalse();
    assertThat(choice.stalls()).isEqualTo(1);
  }
}
