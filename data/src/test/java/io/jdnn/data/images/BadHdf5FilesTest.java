package io.jdnn.data.images;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.data.TestFiles;
import io.jdnn.data.hdf5.Hdf5File;
import io.jdnn.data.io.DataFormatException;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small HDF5 files written with jhdf, each wrong in one way, each with its own clear message. */
class BadHdf5FilesTest {
  @TempDir
  Path dir;

  private Path write(String name, Consumer<WritableHdfFile> content) {
    Path file = dir.resolve(name);
    try (WritableHdfFile h5 = HdfFile.write(file)) {
      content.accept(h5);
    }
    return file;
  }

  private static int[][][][] images(int m) {
    int[][][][] x = new int[m][4][4][3];
    for (int j = 0; j < m; j++) {
      x[j][1][2][0] = 17 * j % 256;
    }
    return x;
  }

  @Test
  void aGoodSmallFileLoads() {
    Path f = write("ok.h5", h5 -> {
      h5.putDataset("x", images(3));
      h5.putDataset("y", new long[] {0, 1, 1});
    });
    LabeledImages li = LabeledImages.read(f, "x", "y");
    org.assertj.core.api.Assertions.assertThat(li.x().shape()).isEqualTo("48x3");
    // pixel (row 1, col 2, channel 0) is flat feature (1 * 4 + 2) * 3 + 0 = 18
    org.assertj.core.api.Assertions.assertThat(li.x().get(18, 2)).isEqualTo(34 / 255.0);
    org.assertj.core.api.Assertions.assertThat(li.y().data()).containsExactly(0, 1, 1);
  }

  @Test
  void missingFileNamesTheFile() {
    Path missing = dir.resolve("nope.h5");
    assertThatThrownBy(() -> LabeledImages.read(missing, "x", "y"))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("no such file");
  }

  @Test
  void missingDirectoryNamesTheExpectedFiles() {
    assertThatThrownBy(() -> CatVsNonCat.load(dir.resolve("absent")))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("absent")
        .hasMessageContaining("train_catvnoncat.h5");
  }

  @Test
  void notAnHdf5File() throws IOException {
    Path f = dir.resolve("text.h5");
    Files.writeString(f, "this is not HDF5 at all, just some text");
    assertThatThrownBy(() -> LabeledImages.read(f, "x", "y"))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("not a readable HDF5 file");
  }

  @Test
  void missingDatasetListsWhatIsThere() {
    Path f = write("nolabels.h5", h5 -> h5.putDataset("x", images(2)));
    assertThatThrownBy(() -> LabeledImages.read(f, "x", "y"))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("no dataset 'y'")
        .hasMessageContaining("[x]");
  }

  @Test
  void wrongRankSaysWhatWasExpected() {
    Path f = write("flat.h5", h5 -> {
      h5.putDataset("x", new int[][] {{1, 2}, {3, 4}});
      h5.putDataset("y", new long[] {0, 1});
    });
    assertThatThrownBy(() -> LabeledImages.read(f, "x", "y"))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("dataset 'x' has shape [2, 2] (rank 2), expected rank 4");
  }

  @Test
  void wrongTypeOfPixels() {
    Path f = write("floats.h5", h5 -> {
      h5.putDataset("x", new double[][][][] {{{{0.5}}}});
      h5.putDataset("y", new long[] {1});
    });
    assertThatThrownBy(() -> LabeledImages.read(f, "x", "y"))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("dataset 'x' holds float64, expected integer pixel values (uint8)");
  }

  @Test
  void labelsThatAreStrings() {
    Path f = write("strlabels.h5", h5 -> {
      h5.putDataset("x", images(2));
      h5.putDataset("y", new String[] {"cat", "dog"});
    });
    assertThatThrownBy(() -> LabeledImages.read(f, "x", "y"))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("dataset 'y' holds string, expected numbers");
  }

  @Test
  void wrongNumberOfLabels() {
    Path f = write("short.h5", h5 -> {
      h5.putDataset("x", images(3));
      h5.putDataset("y", new long[] {0, 1});
    });
    assertThatThrownBy(() -> LabeledImages.read(f, "x", "y"))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("dataset 'y' has shape [2], expected 3 labels");
  }

  @Test
  void labelsThatAreNotZeroOrOne() {
    Path f = write("twos.h5", h5 -> {
      h5.putDataset("x", images(3));
      h5.putDataset("y", new long[] {0, 2, 1});
    });
    assertThatThrownBy(() -> LabeledImages.read(f, "x", "y"))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("label 2.0 at example 1, expected 0 or 1");
  }

  @Test
  void nanInFloatDataIsNamedByPosition() {
    Path f = write("nan.h5", h5 -> h5.putDataset("v", new double[] {1, 2, Double.NaN}));
    try (Hdf5File h5 = Hdf5File.open(f)) {
      assertThatThrownBy(() -> h5.numeric("v").requireFinite())
          .isInstanceOf(DataFormatException.class)
          .hasMessageContaining("dataset 'v' holds NaN at flat index 2");
    }
  }

  @Test
  void truncatedCourseFileIsReportedNotCrashed() throws IOException {
    Path original = TestFiles.catvnoncat().resolve(CatVsNonCat.TEST_FILE);
    byte[] bytes = Files.readAllBytes(original);
    Path f = dir.resolve("truncated.h5");
    Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> LabeledImages.read(f, "test_set_x", "test_set_y"))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining(f.toString());
  }
}
