package io.jdnn.data.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.training.dataset.Batch;
import io.jdnn.data.hdf5.Hdf5File;
import io.jdnn.data.io.DataFormatException;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slices read from disk equal the whole file read at once; bad ranges and bad files are named. */
class Hdf5BatchesTest {
  private static final int M = 37;
  private static final int H = 5;
  private static final int W = 4;
  private static final int C = 3;

  @TempDir
  Path tmp;

  private Path writeImages(String name, long seed) {
    Path file = tmp.resolve(name);
    SplittableRandom rng = new SplittableRandom(seed);
    try (ImageSetWriter w = ImageSetWriter.create(file, "train_set_x", "train_set_y", M, H, W, C)) {
      for (int j = 0; j < M; j++) {
        byte[] pixels = new byte[H * W * C];
        for (int i = 0; i < pixels.length; i++) {
          pixels[i] = (byte) rng.nextInt(256);
        }
        w.append(pixels, rng.nextInt(2));
      }
    }
    return file;
  }

  @Test
  void theWriterMakesUint8DatasetsThatJhdfAndTheLoaderRead() {
    Path file = writeImages("images.h5", 1);
    try (HdfFile h = new HdfFile(file)) {
      assertThat(h.getDatasetByPath("train_set_x").getDimensions()).containsExactly(M, H, W, C);
    }
    try (Hdf5File h5 = Hdf5File.open(file)) {
      assertThat(h5.typeOf("train_set_x")).isEqualTo("uint8");
      assertThat(h5.typeOf("train_set_y")).isEqualTo("uint8");
      // bytes above 127 come back unsigned: some pixel of 37*60 random bytes is above 200
      double[] values = h5.numeric("train_set_x").values();
      assertThat(java.util.Arrays.stream(values).max().orElseThrow()).isGreaterThan(200).isLessThanOrEqualTo(255);
      assertThat(java.util.Arrays.stream(values).min().orElseThrow()).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void slicesEqualTheWholeFileReadAtOnce() {
    Path file = writeImages("images.h5", 2);
    LabeledImages whole = LabeledImages.read(file, "train_set_x", "train_set_y");
    try (Hdf5Batches batches = Hdf5Batches.open(file, "train_set_x", "train_set_y")) {
      assertThat(batches.count()).isEqualTo(M);
      assertThat(batches.features()).isEqualTo(H * W * C);
      assertThat(batches.imageShape()).containsExactly(H, W, C);
      assertThat(batches.labels()).isEqualTo(whole.y());
      Matrix x = Matrix.zeros(H * W * C, 8);
      Matrix y = Matrix.zeros(1, 8);
      for (int from = 0; from < M; from += 8) {
        int to = Math.min(from + 8, M);
        Batch b = batches.read(from, to);
        assertThat(b.x()).as("examples [%d, %d)", from, to).isEqualTo(whole.x().columns(from, to));
        assertThat(b.y()).isEqualTo(whole.y().columns(from, to));
        if (to - from == 8) {
          batches.read(from, to, x, y);
          assertThat(x).isEqualTo(b.x());
          assertThat(y).isEqualTo(b.y());
        }
      }
    }
  }

  @Test
  void aBatchSourceServesEachEpochInOrderWithAShortLastBatch() {
    Path file = writeImages("images.h5", 5);
    LabeledImages whole = LabeledImages.read(file, "train_set_x", "train_set_y");
    try (Hdf5Batches batches = Hdf5Batches.open(file, "train_set_x", "train_set_y")) {
      Hdf5BatchSource source = new Hdf5BatchSource(batches, 3, M, 8);
      assertThat(source.count()).isEqualTo(M - 3);
      for (int epoch = 0; epoch < 2; epoch++) {
        source.startEpoch(epoch);
        int from = 3;
        while (source.hasNext()) {
          Batch b = source.next();
          int to = Math.min(from + 8, M);
          assertThat(b.x()).as("epoch %d, examples [%d, %d)", epoch, from, to).isEqualTo(whole.x().columns(from, to));
          assertThat(b.y()).isEqualTo(whole.y().columns(from, to));
          from = to;
        }
        assertThat(from).as("every example once per epoch").isEqualTo(M);
      }
      assertThatThrownBy(source::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("startEpoch");
      assertThatThrownBy(() -> new Hdf5BatchSource(batches, 0, M, 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("batch size must be at least 1, got 0");
      assertThatThrownBy(() -> new Hdf5BatchSource(batches, 0, M + 1, 8))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 38)");
    }
  }

  @Test
  void rangesOutsideTheDataAreRefusedNamingTheFile() {
    Path file = writeImages("images.h5", 3);
    try (Hdf5Batches batches = Hdf5Batches.open(file, "train_set_x", "train_set_y")) {
      assertThatThrownBy(() -> batches.read(30, M + 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("[30, 38)")
          .hasMessageContaining("the " + M);
      assertThatThrownBy(() -> batches.read(-1, 3)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> batches.read(5, 5)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> batches.read(0, 4, Matrix.zeros(H * W * C, 3), Matrix.zeros(1, 4)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected 60x4");
    }
  }

  @Test
  void badFilesAreRefusedWhenOpened() throws Exception {
    Path floats = tmp.resolve("floats.h5");
    try (WritableHdfFile w = HdfFile.write(floats)) {
      w.putDataset("x", new double[2][2][2][1]);
      w.putDataset("y", new double[] {0, 1});
    }
    assertThatThrownBy(() -> Hdf5Batches.open(floats, "x", "y"))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("dataset 'x' holds float64, expected integer pixel values");
    Path badLabel = tmp.resolve("label.h5");
    try (WritableHdfFile w = HdfFile.write(badLabel)) {
      w.putDataset("x", new short[2][2][2][1]);
      w.putDataset("y", new double[] {0, 3});
    }
    assertThatThrownBy(() -> Hdf5Batches.open(badLabel, "x", "y"))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("holds label 3.0 at example 1");
    Path bigPixel = tmp.resolve("pixel.h5");
    try (WritableHdfFile w = HdfFile.write(bigPixel)) {
      short[][][][] x = new short[2][2][2][1];
      x[1][1][0][0] = 256;
      w.putDataset("x", x);
      w.putDataset("y", new double[] {0, 1});
    }
    try (Hdf5Batches batches = Hdf5Batches.open(bigPixel, "x", "y")) {
      assertThat(batches.read(0, 1).x().data()).containsOnly(0.0);
      assertThatThrownBy(() -> batches.read(0, 2))
          .isInstanceOf(DataFormatException.class)
          .hasMessageContaining("pixel value 256 in example 1");
    }
    Path file = writeImages("images.h5", 4);
    byte[] bytes = Files.readAllBytes(file);
    Path cut = Files.write(tmp.resolve("cut.h5"), java.util.Arrays.copyOf(bytes, bytes.length - 10));
    assertThatThrownBy(() -> Hdf5Batches.open(cut, "train_set_x", "train_set_y"))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void anUnfinishedFileIsNeverCreated() {
    Path file = tmp.resolve("unfinished.h5");
    ImageSetWriter w = ImageSetWriter.create(file, "x", "y", 3, 2, 2, 1);
    w.append(new byte[4], 1);
    assertThatThrownBy(() -> w.append(new byte[3], 1)).hasMessageContaining("has 3 bytes, expected 4");
    assertThatThrownBy(() -> w.append(new byte[4], 2)).hasMessageContaining("label 2, expected 0 or 1");
    assertThatThrownBy(w::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("only 1 of 3");
    assertThat(file).doesNotExist();
    assertThat(tmp.resolve("unfinished.h5.partial")).doesNotExist();
  }
}
