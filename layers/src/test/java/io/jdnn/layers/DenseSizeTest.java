package io.jdnn.layers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A layer size from a model file or --layers is checked before anything is allocated. */
class DenseSizeTest {
  @Test
  void weightsLargerThanOneArrayAreRefusedWithoutOverflow() {
    assertThatThrownBy(() -> new Dense(12288, 1_000_000)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Dense(12288 -> 1000000): W would be 1000000x12288 = 12288000000 values, more than one Java"
            + " array can hold (2147483639)");
  }

  @Test
  void weightsLargerThanTheHeapAreRefusedSayingHowMuchTheyNeed() {
    // 100,000 x 12,288 doubles twice (W and dW): 18,752 MiB against the test JVM's 2 GB.
    assertThatThrownBy(() -> new Dense(12288, 100_000)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Dense(12288 -> 100000): W (100000x12288), b and their gradients needs 18,752 MiB,"
            + " and this JVM has ")
        .hasMessageEndingWith("; raise it with -Xmx)");
  }
}
