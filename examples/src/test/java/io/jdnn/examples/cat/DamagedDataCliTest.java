package io.jdnn.examples.cat;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.data.images.CatVsNonCat;
import io.jdnn.examples.ProjectData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user of {@code jdnn-cat} sees when the data is damaged: one line on standard error naming
 * the file and the problem, exit code 1, nothing on standard output, no stack trace.
 */
class DamagedDataCliTest {
  @TempDir
  Path dir;

  private CliRun trainOn(Path data) {
    return CliRun.of("train", "--data", data.toString(), "--iterations", "1");
  }

  private static void assertOneLineError(CliRun run, String... words) {
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().toList()).hasSize(1);
    assertThat(run.err()).startsWith("jdnn-cat: error: ").contains(words).doesNotContain("\tat ");
  }

  @Test
  void aTruncatedTrainingFile() throws Exception {
    Path train = dir.resolve(CatVsNonCat.TRAIN_FILE);
    byte[] bytes = Files.readAllBytes(ProjectData.catvnoncat().resolve(CatVsNonCat.TRAIN_FILE));
    Files.write(train, Arrays.copyOf(bytes, bytes.length / 2));
    Files.copy(ProjectData.catvnoncat().resolve(CatVsNonCat.TEST_FILE), dir.resolve(CatVsNonCat.TEST_FILE));
    assertOneLineError(trainOn(dir), train.toString(), "truncated", String.valueOf(bytes.length / 2));
  }

  @Test
  void anEmptyTestFile() throws Exception {
    Files.copy(ProjectData.catvnoncat().resolve(CatVsNonCat.TRAIN_FILE), dir.resolve(CatVsNonCat.TRAIN_FILE));
    Path test = Files.write(dir.resolve(CatVsNonCat.TEST_FILE), new byte[0]);
    assertOneLineError(trainOn(dir), test.toString(), "empty");
  }

  @Test
  void aTrainingFileThatIsNoHdf5() throws Exception {
    Path train = Files.writeString(dir.resolve(CatVsNonCat.TRAIN_FILE), "GIF89a... not HDF5");
    Files.copy(ProjectData.catvnoncat().resolve(CatVsNonCat.TEST_FILE), dir.resolve(CatVsNonCat.TEST_FILE));
    assertOneLineError(trainOn(dir), train.toString(), "not a readable HDF5 file");
  }
}
