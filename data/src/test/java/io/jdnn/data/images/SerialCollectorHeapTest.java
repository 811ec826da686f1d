package io.jdnn.data.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.data.io.ChildJvm;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heap guard under the collector the README's run command uses: with -XX:+UseSerialGC
 * -Xmx512m, a valid file of 2,000 images (400 MB while loading) passed the old guard, which took
 * Runtime.maxMemory() as if any of it could hold one array, and then died; only the old generation
 * (about 340 MB) can. Now it is refused with what it needs and what there is, and a file of 500
 * images, which fits, still loads.
 */
class SerialCollectorHeapTest {
  @TempDir
  Path tmp;

  @Test
  void aValidFileTooLargeForTheOldGenerationIsRefusedAndASmallerOneLoads() {
    List<String> jvm = List.of("-XX:+UseSerialGC", "-Xmx512m");
    String large = ChildJvm.run(jvm, LargeSetProbe.class, tmp.resolve("large.h5").toString(), "2000")
        .requireExit(0).out().strip();
    assertThat(large).startsWith("refused: " + tmp.resolve("large.h5") + ": dataset 'x' declares shape"
        + " [2000, 64, 64, 3] (24576000 values); reading it whole needs ").contains("MiB usable (maximum heap ");
    String small = ChildJvm.run(jvm, LargeSetProbe.class, tmp.resolve("small.h5").toString(), "500")
        .requireExit(0).out().strip();
    assertThat(small).isEqualTo("loaded 500");
  }
}
