package io.jdnn.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import org.junit.jupiter.api.Test;

/** Sizes from files and command lines: no overflow, and a refusal that says how much and how much there is. */
class HeapTest {
  @Test
  void productsAndSumsSaturateInsteadOfOverflowing() {
    assertThat(Heap.bytes(8, 1_000_000, 12_288)).isEqualTo(98_304_000_000L);
    assertThat(Heap.bytes(8, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    assertThat(Heap.bytes(0, Long.MAX_VALUE)).isZero();
    assertThat(Heap.sum(Long.MAX_VALUE - 1, 5)).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> Heap.bytes(8, -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a size cannot be negative, got -1");
  }

  @Test
  void theUsableHeapIsPositiveAndBelowTheMaximum() {
    long usable = Heap.usable();
    assertThat(usable).isPositive().isLessThan(Runtime.getRuntime().maxMemory());
    assertThat(Heap.refusal(1)).isNull();
  }

  @Test
  void aRefusalSaysWhatIsNeededAndWhatThereIs() {
    assertThat(Heap.refusal(Long.MAX_VALUE)).startsWith("needs more than 8 EiB, and this JVM has ")
        .contains(" MiB usable (maximum heap ").endsWith("; raise it with -Xmx)");
    assertThat(Heap.refusal(Runtime.getRuntime().maxMemory() + 1)).startsWith("needs ");
  }

  @Test
  void aMatrixTooLargeForOneArrayOrForTheHeapIsRefusedBeforeAllocating() {
    assertThatThrownBy(() -> Matrix.zeros(1_000_000, 12_288)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a 1000000x12288 matrix would hold 12288000000 values, more than one Java array can (2147483639)");
    // 1.2 billion doubles: one array could hold them, but not the test JVM's heap (-Xmx2g).
    assertThatThrownBy(() -> Matrix.zeros(100_000, 12_288)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a 100000x12288 matrix of doubles needs 9,375 MiB, and this JVM has ");
  }
}
