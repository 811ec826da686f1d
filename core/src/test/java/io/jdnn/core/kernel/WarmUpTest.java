package io.jdnn.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarmUpTest {

  @Test
  void warmUpRunsEveryLoopOnItsOwnOperandsAndRepeatsItself() {
    // Every branch of the kernel's loops runs here; an index error in any of them would throw.
    double first = WarmUp.run(32);
    double again = WarmUp.run(32);
    assertThat(first).isFinite().isNotZero().isEqualTo(again);
  }

  @Test
  void kernelsStartTheWarmUpWhenTheVectorKernelIsTheOneInUse() {
    // The tests run with jdk.incubator.vector and without -Djdnn.kernel, so vector is the default.
    Kernels.warmUp();
    assertThat(WarmUp.started()).isTrue();
  }
}
