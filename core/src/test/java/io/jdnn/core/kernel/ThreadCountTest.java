package io.jdnn.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * -Djdnn.threads=100000 is capped (with a warning) instead of starting tens of thousands of
 * threads. The property's parsing is tested on values passed in, not by setting the JVM-wide
 * property, so no other test sees a changed global.
 */
class ThreadCountTest {
  @Test
  void aHugeThreadCountIsCappedAtFourPerProcessor() {
    int cap = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    assertThat(VectorKernel.maxThreads()).isEqualTo(cap);
    assertThat(VectorKernel.threadsFrom("100000")).isEqualTo(cap);
    assertThat(VectorKernel.threadsFrom(" 3 ")).isEqualTo(3);
    assertThat(VectorKernel.threadsFrom(null)).isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void nonsenseIsRefusedNamingTheProperty() {
    assertThatThrownBy(() -> VectorKernel.threadsFrom("0")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("system property jdnn.threads is '0', expected a positive integer");
    assertThatThrownBy(() -> VectorKernel.threadsFrom("99999999999")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("system property jdnn.threads is '99999999999', expected a positive integer");
    assertThatThrownBy(() -> new VectorKernel(100_000)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("VectorKernel needs at least 1 thread and at most " + VectorKernel.maxThreads());
  }
}
