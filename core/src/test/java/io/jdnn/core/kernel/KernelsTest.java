package io.jdnn.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How the default kernel is chosen, with and without the Vector API module. */
class KernelsTest {

  @Test
  void theseTestsRunWithTheVectorModule() {
    // Surefire passes --add-modules jdk.incubator.vector (root POM); the tests below rely on it.
    assertThat(Kernels.vectorApiAvailable()).isTrue();
  }

  @Test
  void defaultIsTheVectorKernelWhenTheModuleIsPresent() {
    Kernel k = Kernels.chooseDefault(null, Kernels.VECTOR_CLASS);
    assertThat(k).isInstanceOf(VectorKernel.class);
    assertThat(k.name()).isEqualTo("vector");
    ((VectorKernel) k).close();
  }

  @Test
  void fallsBackToOjalgoWhenTheVectorClassCannotBeLoaded() {
    Kernel k = Kernels.chooseDefault(null, "io.jdnn.core.kernel.NoSuchKernel");
    assertThat(k).isInstanceOf(OjalgoKernel.class);
    assertThat(Kernels.loadVector("io.jdnn.core.kernel.NoSuchKernel")).isEmpty();
  }

  @Test
  void propertyOverridesTheChoice() {
    assertThat(Kernels.chooseDefault("naive", Kernels.VECTOR_CLASS)).isInstanceOf(NaiveKernel.class);
    assertThat(Kernels.chooseDefault("ojalgo", Kernels.VECTOR_CLASS)).isInstanceOf(OjalgoKernel.class);
    Kernel vector = Kernels.chooseDefault(" vector ", Kernels.VECTOR_CLASS);
    assertThat(vector).isInstanceOf(VectorKernel.class);
    ((VectorKernel) vector).close();
  }

  @Test
  void unknownNamesListTheKnownOnes() {
    assertThatThrownBy(() -> Kernels.byName("blas"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'blas'")
        .hasMessageContaining("vector, ojalgo, naive");
  }

  @Test
  void threadCountComesFromTheProperty() {
    String saved = System.getProperty("jdnn.threads");
    try {
      System.setProperty("jdnn.threads", "3");
      assertThat(VectorKernel.defaultThreads()).isEqualTo(3);
      System.setProperty("jdnn.threads", "two");
      assertThatThrownBy(VectorKernel::defaultThreads)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("jdnn.threads").hasMessageContaining("'two'");
      System.clearProperty("jdnn.threads");
      assertThat(VectorKernel.defaultThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    } finally {
      if (saved == null) {
        System.clearProperty("jdnn.threads");
      } else {
        System.setProperty("jdnn.threads", saved);
      }
    }
    assertThatThrownBy(() -> new VectorKernel(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1 thread");
  }

  /**
   * The real fallback: a JVM started without {@code --add-modules jdk.incubator.vector} still
   * loads jdnn, picks ojalgo and says how to get the fast kernel.
   */
  @Test
  void aJvmWithoutTheModuleFallsBackToOjalgoAndSaysHowToGetTheVectorKernel()
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), PrintDefaultKernel.class.getName())
        .redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    List<String> lines = out.lines().toList();
    assertThat(lines).as(out).contains("kernel=ojalgo");
    assertThat(out).contains("--add-modules jdk.incubator.vector");
  }

  /**
   * A library user who has neither the flag nor an SLF4J provider (SLF4J then drops every message)
   * still learns, once, on standard error, that jdnn runs on the slow kernel and how to fix it.
   */
  @Test
  void withoutTheModuleAndWithoutAnyLoggerTheSlowKernelIsToldOnceOnStandardError()
      throws IOException, InterruptedException {
    String classPath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(entry -> !entry.contains("logback"))
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", classPath, UseKernelThrice.class.getName()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
    assertThat(p.exitValue()).as(out + err).isZero();
    assertThat(out).contains("kernel=ojalgo");
    assertThat(err).as("no provider: SLF4J says so itself").contains("No SLF4J providers");
    List<String> told = err.lines().filter(line -> line.startsWith("jdnn: ")).toList();
    assertThat(told).as(err).hasSize(1);
    assertThat(told.get(0)).contains("ojalgo").contains("slow").contains("--add-modules jdk.incubator.vector");
  }
}
