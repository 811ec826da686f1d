package io.jdnn.data.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import io.jdnn.data.TestFiles;
import io.jdnn.data.hdf5.Hdf5File;
import io.jdnn.data.hdf5.NumericArray;
import io.jdnn.data.io.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real course files, prepared as {@code x.reshape(m, -1).T / 255}. */
class CatVsNonCatTest {
  private static CatVsNonCat data;

  @BeforeAll
  static void load() {
    data = CatVsNonCat.load(TestFiles.catvnoncat());
  }

  @Test
  void theSameFilesHeldInMemoryGiveTheSameData() throws IOException {
    Path dir = TestFiles.catvnoncat();
    byte[] trainBytes = Files.readAllBytes(dir.resolve(CatVsNonCat.TRAIN_FILE));
    byte[] testBytes = Files.readAllBytes(dir.resolve(CatVsNonCat.TEST_FILE));
    CatVsNonCat inMemory;
    try (Hdf5File train = Hdf5File.fromBytes(Path.of("jar", CatVsNonCat.TRAIN_FILE), trainBytes);
        Hdf5File test = Hdf5File.fromBytes(Path.of("jar", CatVsNonCat.TEST_FILE), testBytes)) {
      assertThat(train.path()).isEqualTo(Path.of("jar", CatVsNonCat.TRAIN_FILE));
      inMemory = CatVsNonCat.read(train, test);
    }
    assertThat(inMemory.train().x().data()).isEqualTo(data.train().x().data());
    assertThat(inMemory.train().y().data()).isEqualTo(data.train().y().data());
    assertThat(inMemory.test().x().data()).isEqualTo(data.test().x().data());
    assertThat(inMemory.test().y().data()).isEqualTo(data.test().y().data());
    assertThat(inMemory.classes()).isEqualTo(data.classes());
  }

  @Test
  void bytesInMemoryGetTheFileGuardsNamingTheGivenName() throws IOException {
    byte[] whole = Files.readAllBytes(TestFiles.catvnoncat().resolve(CatVsNonCat.TEST_FILE));
    Path name = Path.of("built-in", CatVsNonCat.TEST_FILE);
    assertThatThrownBy(() -> Hdf5File.fromBytes(name, new byte[0]))
        .isInstanceOf(DataFormatException.class).hasMessageStartingWith(name + ": ").hasMessageContaining("empty");
    assertThatThrownBy(() -> Hdf5File.fromBytes(name, Arrays.copyOf(whole, whole.length / 2)))
        .isInstanceOf(DataFormatException.class).hasMessageStartingWith(name + ": ")
        .hasMessageContaining("truncated").hasMessageContaining(String.valueOf(whole.length / 2));
    assertThatThrownBy(() -> Hdf5File.fromBytes(name, "not HDF5 at all".getBytes()))
        .isInstanceOf(DataFormatException.class).hasMessageStartingWith(name + ": ")
        .hasMessageContaining("not a readable HDF5 file");
  }

  @Test
  void shapesAreTheCourses() {
    assertThat(data.train().x().shape()).isEqualTo("12288x209");
    assertThat(data.train().y().shape()).isEqualTo("1x209");
    assertThat(data.test().x().shape()).isEqualTo("12288x50");
    assertThat(data.test().y().shape()).isEqualTo("1x50");
    assertThat(data.classes()).containsExactly("non-cat", "cat");
    assertThat(data.train().height()).isEqualTo(64);
    assertThat(data.train().channels()).isEqualTo(3);
  }

  @Test
  void labelsCountTheCourseCats() {
    // The course: 72 cats of 209 in training, 33 of 50 in test.
    assertThat(sum(data.train().y())).isEqualTo(72);
    assertThat(sum(data.test().y())).isEqualTo(33);
  }

  @Test
  void pixelsAreFlattenedRowColumnChannelAndScaled() {
    // Raw values read directly from the file: pixel (row 0, col 1, channel 2) of image 5 sits at
    // flat position ((0 * 64) + 1) * 3 + 2 = 5 of that image in x.reshape(m, -1).
    try (Hdf5File h5 = Hdf5File.open(TestFiles.catvnoncat().resolve(CatVsNonCat.TRAIN_FILE))) {
      NumericArray raw = h5.numeric("train_set_x");
      assertThat(raw.type()).isEqualTo("uint8");
      int features = 64 * 64 * 3;
      Matrix x = data.train().x();
      for (int[] probe : new int[][] {{5, 5}, {0, 0}, {208, features - 1}, {100, 7000}}) {
        int image = probe[0];
        int f = probe[1];
        assertThat(x.get(f, image)).isEqualTo(raw.values()[image * features + f] / 255.0);
      }
    }
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (double v : data.train().x().data()) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertThat(min).isGreaterThanOrEqualTo(0.0);
    assertThat(max).isLessThanOrEqualTo(1.0).isGreaterThan(0.9);
  }

  @Test
  void imagesKeepTheirPixelsAsBytesForTheKernel() {
    for (LabeledImages set : new LabeledImages[] {data.train(), data.test()}) {
      Matrix x = set.x();
      assertThat(x.unsignedBytes()).as("X is byte-backed").isNotNull();
      assertThat(x.unsignedBytes().divisor()).isEqualTo(255.0);
      for (int i = 0; i < x.size(); i++) {
        if (Double.doubleToRawLongBits(x.unsignedBytes().value(i)) != Double.doubleToRawLongBits(x.data()[i])) {
          throw new AssertionError("element " + i + ": byte gives " + x.unsignedBytes().value(i) + ", matrix holds "
              + x.data()[i]);
        }
      }
    }
  }

  private static int sum(Matrix m) {
    int s = 0;
    for (double v : m.data()) {
      s += (int) v;
    }
    return s;
  }
}
