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

  /**
   * In a fresh child JVM: in this one any earlier test that built a vector kernel has already
   * started the warm-up (a JVM-wide flag), so checking the flag here would prove nothing.
   */
  @Test
  void kernelsStartTheWarmUpWhenTheVectorKernelIsTheOneInUse() throws Exception {
    java.nio.file.Path out = java.nio.file.Files.createTempFile("warmup", ".out");
    try {
      Process child = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
          WarmUpProbe.class.getName()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      assertThat(child.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).as("the child finishes").isTrue();
      String output = java.nio.file.Files.readString(out);
      assertThat(child.exitValue()).as(output).isZero();
      assertThat(output.lines().filter(l -> l.startsWith("before=") || l.startsWith("after=")))
          .containsExactly("before=false", "after=true");
    } finally {
      java.nio.file.Files.deleteIfExists(out);
    }
  }
}
