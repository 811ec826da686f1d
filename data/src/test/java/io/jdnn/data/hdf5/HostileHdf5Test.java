package io.jdnn.data.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.data.images.Hdf5Batches;
import io.jdnn.data.images.LabeledImages;
import io.jdnn.data.io.ChildJvm;
import io.jdnn.data.io.DataFormatException;
import io.jdnn.data.model.ModelFile;
import io.jdnn.data.model.ModelFormatException;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HDF5 files that are valid but unusual (a user block, chunks with every filter jdnn reads, empty
 * datasets) or hostile (a chunk that inflates to 128 MiB from 130 KB, a FIFO where a file should
 * be, a cut or damaged superblock): the valid ones load with exactly h5py's values, the hostile
 * ones are refused by a check that names what is wrong, also in a child JVM under the serial
 * collector with a 64 MB heap, where inflating the bomb would end in an OutOfMemoryError.
 */
class HostileHdf5Test {
  @TempDir
  Path tmp;

  @Test
  void aFileWithAUserBlockLoads() {
    Path file = Fixtures.file("userblock.h5");
    LabeledImages images;
    try (Hdf5File h5 = Hdf5File.open(file)) {
      assertThat(h5.userBlockSize()).isEqualTo(512);
      images = LabeledImages.read(h5, "train_set_x", "train_set_y");
      assertThat(images.count()).isEqualTo(4);
      assertThat(images.y().data()).containsExactly(0, 1, 1, 0);
      assertThat(h5.strings("list_classes")).containsExactly("non-cat", "cat");
    }
    try (Hdf5Batches batches = Hdf5Batches.open(file, "train_set_x", "train_set_y")) {
      assertThat(batches.read(0, 4).x().data()).containsExactly(images.x().data());
    }
  }

  @Test
  void chunksWithGzipShuffleAndFletcherLoadAsTheUncompressedCopy() {
    Path file = Fixtures.file("gzip.h5");
    double[] plain;
    try (Hdf5File h5 = Hdf5File.open(file)) {
      NumericArray x = h5.numeric("x");
      plain = h5.numeric("x_plain").values();
      assertThat(x.shape()).containsExactly(10, 4, 4, 3);
      assertThat(x.values()).containsExactly(plain);
    }
    try (Hdf5Batches batches = Hdf5Batches.open(file, "x", "y")) {
      // Examples 2 to 6 lie in three chunks of 3, partly.
      double[] slice = batches.read(2, 7).x().data();
      int features = 4 * 4 * 3;
      for (int j = 0; j < 5; j++) {
        for (int f = 0; f < features; f++) {
          assertThat(slice[f * 5 + j]).isEqualTo(plain[(2 + j) * features + f] / 255.0);
        }
      }
    }
  }

  @Test
  void aChunkThatInflatesBeyondItsShapeIsRefusedNamingTheChunk() {
    Path file = Fixtures.file("images-bomb.h5");
    try (Hdf5File h5 = Hdf5File.open(file)) {
      assertThatThrownBy(() -> h5.numeric("x"))
          .isInstanceOf(DataFormatException.class)
          .hasMessageStartingWith(file + ": the chunk at [4, 0, 0, 0] of dataset 'x' (chunk shape [4, 16, 16, 3],"
              + " 3072 bytes) inflates to more than the 3072 bytes its declared chunk shape holds");
    }
    try (Hdf5Batches batches = Hdf5Batches.open(file, "x", "y")) {
      assertThat(batches.read(0, 4).x().data()).containsOnly(0.0);
      assertThatThrownBy(() -> batches.read(3, 5))
          .isInstanceOf(DataFormatException.class)
          .hasMessageContaining("the chunk at [4, 0, 0, 0] of dataset 'x'")
          .hasMessageContaining("inflates to more than the 3072 bytes");
    }
  }

  @Test
  void aModelWhoseWeightsAreABombIsRefusedNamingTheDataset() {
    Path file = Fixtures.file("model-bomb.h5");
    assertThatThrownBy(() -> ModelFile.load(file))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageStartingWith(file + ": the chunk at [0, 0] of dataset 'W1' (chunk shape [20, 30], 4800 bytes)"
            + " inflates to more than the 4800 bytes");
  }

  @Test
  void bombsAreRefusedUnderTheSerialCollectorWithASmallHeap() {
    ChildJvm.Result r = ChildJvm.run(List.of("-XX:+UseSerialGC", "-Xmx64m"), BombProbe.class, tmp.toString())
        .requireExit(0);
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).startsWith("refused: ").contains("dataset 'x'").contains("inflates to more than the 3072");
    assertThat(lines.get(1)).isEqualTo("first slice 768x4");
    assertThat(lines.get(2)).startsWith("refused: ").contains("dataset 'x'").contains("inflates to more than the 3072");
    assertThat(lines.get(3)).startsWith("refused: ").contains("dataset 'W1'").contains("inflates to more than the 4800");
    assertThat(lines.get(4)).startsWith("refused: ").contains("layer 1 of 'jdnn_architecture'")
        .contains("Dense(12288 -> 100000): W (100000x12288), b and their gradients needs 18,752 MiB, and this JVM has");
  }

  /** A model file in {@code dir} whose architecture asks for 12288 -> 100,000 -> 1 (19 GB of weights). */
  static Path wideModel(Path dir) {
    Path file = dir.resolve("wide.h5");
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      hdf.putAttribute(ModelFile.VERSION_ATTRIBUTE, 1);
      hdf.putAttribute(ModelFile.ARCHITECTURE_ATTRIBUTE, "{\"format\":\"jdnn-sequential\",\"layers\":["
          + "{\"type\":\"Dense\",\"in\":12288,\"out\":100000},{\"type\":\"ReLU\"},"
          + "{\"type\":\"Dense\",\"in\":100000,\"out\":1},{\"type\":\"Sigmoid\"}]}");
    }
    return file;
  }

  @Test
  void anArchitectureAskingForMoreThanTheHeapIsRefusedSayingHowMuch() {
    Path file = wideModel(tmp);
    assertThatThrownBy(() -> ModelFile.load(file))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageStartingWith(file + ": layer 1 of 'jdnn_architecture' (Dense{in=12288, out=100000}) cannot be built:"
            + " Dense(12288 -> 100000): W (100000x12288), b and their gradients needs 18,752 MiB");
  }

  @Test
  void anArrayVersionAttributeIsPrintedAsItsValues() {
    Path file = tmp.resolve("array-version.h5");
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      hdf.putAttribute(ModelFile.VERSION_ATTRIBUTE, new long[] {1, 2});
    }
    assertThatThrownBy(() -> ModelFile.load(file))
        .isInstanceOf(ModelFormatException.class)
        .hasMessage(file + ": attribute 'jdnn_format_version' is an array of 2 values [1, 2], expected one whole"
            + " number");
  }

  @Test
  void emptyDatasetsSayTheyAreEmpty() {
    Path file = Fixtures.file("empty.h5");
    try (Hdf5File h5 = Hdf5File.open(file)) {
      NumericArray zero = h5.numeric("zero");
      assertThat(zero.shape()).containsExactly(0);
      assertThat(zero.values()).isEmpty();
      assertThatThrownBy(() -> h5.numeric("null"))
          .isInstanceOf(DataFormatException.class)
          .hasMessage(file + ": dataset 'null' has no data (an HDF5 null dataspace, as h5py.Empty writes), expected"
              + " an array of values");
    }
  }

  @Test
  void aFifoOrADeviceIsNotCalledMissing() throws Exception {
    Path fifo = tmp.resolve("pipe.h5");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    assertThatThrownBy(() -> Hdf5File.open(fifo))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(fifo + ": is a FIFO (named pipe), not a regular file; expected a file");
    assertThatThrownBy(() -> ModelFile.load(fifo))
        .isInstanceOf(ModelFormatException.class)
        .hasMessage(fifo + ": is a FIFO (named pipe), not a regular file; expected a model file");
    Path device = Path.of("/dev/null");
    assertThatThrownBy(() -> ModelFile.load(device))
        .isInstanceOf(ModelFormatException.class)
        .hasMessage(device + ": is a character device, not a regular file; expected a model file");
    Path missing = tmp.resolve("missing.h5");
    assertThatThrownBy(() -> ModelFile.load(missing)).hasMessage(missing + ": no such model file");
  }

  @Test
  void aFileCutInsideItsSuperblockOrWithABadFieldSaysWhich() throws IOException {
    byte[] whole = Files.readAllBytes(Fixtures.file("gzip.h5"));
    Path cut = Files.write(tmp.resolve("cut.h5"), Arrays.copyOf(whole, 60));
    assertThatThrownBy(() -> Hdf5File.open(cut))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(cut + ": the file is truncated: its 60 bytes end inside the HDF5 superblock, which starts at byte 0"
            + " and takes at least 96 bytes");
    byte[] badOffsets = whole.clone();
    badOffsets[13] = 24;
    Path bad = Files.write(tmp.resolve("offsets.h5"), badOffsets);
    assertThatThrownBy(() -> Hdf5File.open(bad))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(bad + ": the HDF5 superblock's size of offsets (byte 13) is 24, expected 2, 4 or 8; the file is"
            + " damaged");
  }
}
