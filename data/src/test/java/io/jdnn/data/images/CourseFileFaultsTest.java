package io.jdnn.data.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.jdnn.core.math.Matrix;
import io.jdnn.data.TestFiles;
import io.jdnn.data.hdf5.Hdf5File;
import io.jdnn.data.io.DataFormatException;
import io.jdnn.data.io.FaultCases;
import io.jhdf.HdfFile;
import io.jhdf.api.dataset.ContiguousDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The course's own HDF5 files, damaged: truncated at many offsets (with the superblock left as it
 * was, and with it patched to agree with the new length, so jhdf has to meet the missing bytes
 * itself), cut to zero length, and with random bits flipped. Seeded, so every run damages the same
 * bytes.
 */
class CourseFileFaultsTest {
  private static final Path DATA = TestFiles.catvnoncat();
  private static final Path TEST_FILE = DATA.resolve(CatVsNonCat.TEST_FILE);
  private static final Path TRAIN_FILE = DATA.resolve(CatVsNonCat.TRAIN_FILE);
  /** Offset of the end-of-file address in a version 0 superblock (the course files' version). */
  private static final int EOF_FIELD = 40;

  @TempDir
  static Path tmp;

  /** What the course's {@code load_data} reads from one file. */
  private static LabeledImages loadLikeTheCourse(Path file, String prefix) {
    try (Hdf5File h5 = Hdf5File.open(file)) {
      LabeledImages images = LabeledImages.read(h5, prefix + "_set_x", prefix + "_set_y");
      assertThat(h5.strings("list_classes")).isNotNull();
      return images;
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** [start, end) of the image data block: everything else in the file is metadata or labels. */
  private static long[] imageBlock(Path file, String dataset) {
    try (HdfFile h = new HdfFile(file)) {
      ContiguousDataset x = (ContiguousDataset) h.getDatasetByPath(dataset);
      return new long[] {x.getDataAddress(), x.getDataAddress() + x.getSizeInBytes()};
    }
  }

  /** Lengths to cut to: every 8th byte through the metadata, then spread over the rest. */
  private static TreeSet<Integer> cutPoints(int length, long metadataEnd, int spread, long seed) {
    TreeSet<Integer> cuts = new TreeSet<>();
    for (int n = 1; n < metadataEnd + 64; n += 8) {
      cuts.add(n);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    while (cuts.size() < (metadataEnd + 64) / 8 + spread) {
      cuts.add(rng.nextInt(1, length));
    }
    cuts.add(length - 1);
    return cuts;
  }

  /**
   * Cuts whose superblock was patched to agree with the new length, so the length check passes and
   * jhdf meets the missing bytes itself: every 8th byte through the metadata, then spread over the
   * whole file (image block included), in both files. Cuts before the end-of-file field cannot be
   * patched; {@link #aCutFileIsRefusedByTheLengthCheckNamingBothLengths} has them.
   */
  private static Stream<DynamicTest> patchedTruncations(Path source, String prefix, int spread) {
    byte[] original = FaultCases.bytes(source);
    long[] block = imageBlock(source, prefix + "_set_x");
    List<DynamicTest> tests = new ArrayList<>();
    for (int n : cutPoints(original.length, block[0], spread, 6 + prefix.length())) {
      if (n < EOF_FIELD + 8) {
        continue;
      }
      String name = prefix + " cut to " + n + " bytes, superblock patched to agree";
      tests.add(dynamicTest(name, () -> {
        byte[] cut = java.util.Arrays.copyOf(original, n);
        ByteBuffer.wrap(cut).order(ByteOrder.LITTLE_ENDIAN).putLong(EOF_FIELD, n);
        Path file = FaultCases.write(tmp, prefix + "-cut-" + n + ".h5", cut);
        Object result = FaultCases.run(name, file, DataFormatException.class, () -> loadLikeTheCourse(file, prefix));
        delete(file);
        assertThat(result).as(name + ": a file missing data must not load").isNull();
      }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> truncatedTestFileWithAHeaderThatAgrees() {
    return patchedTruncations(TEST_FILE, "test", 120);
  }

  @TestFactory
  Stream<DynamicTest> truncatedTrainFileWithAHeaderThatAgrees() {
    return patchedTruncations(TRAIN_FILE, "train", 120);
  }

  /**
   * A plain cut anywhere after the superblock stops at one check, the superblock's end-of-file
   * address against the length (hundreds of such cuts were once counted as distinct cases): a
   * few cuts per region, each with the exact message, the cut and the original length in it.
   */
  @TestFactory
  Stream<DynamicTest> aCutFileIsRefusedByTheLengthCheckNamingBothLengths() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path source : List.of(TEST_FILE, TRAIN_FILE)) {
      byte[] original = FaultCases.bytes(source);
      long[] block = imageBlock(source, source == TEST_FILE ? "test_set_x" : "train_set_x");
      int[] cuts = {3, 60, 95, 96, 200, (int) block[0] - 1, (int) block[0] + 1, (original.length + (int) block[0]) / 2,
          original.length - 1};
      for (int n : cuts) {
        String name = source.getFileName() + " cut to " + n + " of " + original.length + " bytes";
        tests.add(dynamicTest(name, () -> {
          Path file = FaultCases.write(tmp, "plain-cut-" + n + "-" + source.getFileName(),
              java.util.Arrays.copyOf(original, n));
          String expected = n < 8
              ? "not a readable HDF5 file: no HDF5 signature at byte 0, 512, 1024, ... of its " + n
                  + " bytes; expected a file"
              : n < 96
                  ? "the file is truncated: its " + n + " bytes end inside the HDF5 superblock, which starts at byte 0"
                      + " and takes at least 96 bytes"
                  : "the file is truncated or its header is damaged: it has " + n + " bytes, its HDF5 superblock"
                      + " says it ends at byte " + original.length;
          org.assertj.core.api.Assertions.assertThatThrownBy(() -> loadLikeTheCourse(file, "test"))
              .isInstanceOf(DataFormatException.class).hasMessage(file + ": " + expected);
          delete(file);
        }));
      }
    }
    return tests.stream();
  }

  @Test
  void zeroLengthFileNamesTheFileAndSaysItIsEmpty() {
    Path file = FaultCases.write(tmp, "empty.h5", new byte[0]);
    Object result = FaultCases.run("zero length", file, DataFormatException.class, () -> loadLikeTheCourse(file, "test"));
    assertThat(result).isNull();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Hdf5File.open(file))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("empty");
  }

  @Test
  void theTruncationGuardNamesBothLengths() {
    byte[] original = FaultCases.bytes(TEST_FILE);
    Path file = FaultCases.write(tmp, "test-short.h5", java.util.Arrays.copyOf(original, original.length - 100));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Hdf5File.open(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining(String.valueOf(original.length - 100))
        .hasMessageContaining(String.valueOf(original.length));
  }

  @Test
  void theStorageGuardCatchesATruncationThatTheSuperblockHides() {
    byte[] original = FaultCases.bytes(TEST_FILE);
    long[] block = imageBlock(TEST_FILE, "test_set_x");
    int n = (int) (block[0] + 1000);
    byte[] cut = java.util.Arrays.copyOf(original, n);
    ByteBuffer.wrap(cut).order(ByteOrder.LITTLE_ENDIAN).putLong(EOF_FIELD, n);
    Path file = FaultCases.write(tmp, "test-hidden-cut.h5", cut);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> loadLikeTheCourse(file, "test"))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("dataset 'test_set_x'")
        .hasMessageContaining("[50, 64, 64, 3]")
        .hasMessageContaining("only " + n + " bytes");
  }

  private static Stream<DynamicTest> flips(Path source, String prefix, int count, boolean metadataOnly, long seed) {
    byte[] original = FaultCases.bytes(source);
    long[] block = imageBlock(source, prefix + "_set_x");
    SplittableRandom rng = new SplittableRandom(seed);
    List<DynamicTest> tests = new ArrayList<>();
    for (int c = 0; c < count; c++) {
      int bits = rng.nextInt(1, 5);
      int[] positions = new int[bits];
      int[] masks = new int[bits];
      for (int b = 0; b < bits; b++) {
        int p;
        do {
          p = rng.nextInt(original.length);
        } while (metadataOnly && p >= block[0] && p < block[1]);
        positions[b] = p;
        masks[b] = 1 << rng.nextInt(8);
      }
      String name = prefix + " with bits flipped at " + java.util.Arrays.toString(positions);
      int id = c;
      tests.add(dynamicTest(name, () -> {
        byte[] damaged = original.clone();
        for (int b = 0; b < positions.length; b++) {
          damaged[positions[b]] ^= (byte) masks[b];
        }
        Path file = FaultCases.write(tmp, prefix + "-flip-" + (metadataOnly ? "m" : "a") + id + ".h5", damaged);
        LabeledImages loaded = FaultCases.run(name, file, DataFormatException.class, () -> loadLikeTheCourse(file, prefix));
        delete(file);
        if (loaded != null) {
          // The flip hit bytes whose damage cannot be seen (a pixel, a label's value, unused
          // padding): what loaded keeps every promise LabeledImages makes, with the original's
          // shapes and counts (a flip that changed a declared shape and still loaded would fail).
          requireValid(loaded);
          LabeledImages intact = loadLikeTheCourse(source, prefix);
          assertThat(loaded.count()).as(name).isEqualTo(intact.count());
          assertThat(new int[] {loaded.height(), loaded.width(), loaded.channels()}).as(name)
              .containsExactly(intact.height(), intact.width(), intact.channels());
          assertThat(loaded.x().rows()).as(name).isEqualTo(intact.x().rows());
          assertThat(loaded.y().cols()).as(name).isEqualTo(intact.y().cols());
        }
      }));
    }
    return tests.stream();
  }

  private static void requireValid(LabeledImages loaded) {
    Matrix x = loaded.x();
    Matrix y = loaded.y();
    assertThat(x.rows()).isEqualTo(loaded.height() * loaded.width() * loaded.channels());
    assertThat(y.rows()).isEqualTo(1);
    assertThat(y.cols()).isEqualTo(x.cols());
    for (double v : y.data()) {
      assertThat(v == 0.0 || v == 1.0).as("label %s", v).isTrue();
    }
    for (double v : x.data()) {
      assertThat(v).isBetween(0.0, 1.0);
    }
  }

  @TestFactory
  Stream<DynamicTest> bitFlipsInTheTestFileMetadata() {
    return flips(TEST_FILE, "test", 250, true, 61);
  }

  @TestFactory
  Stream<DynamicTest> bitFlipsAnywhereInTheTestFile() {
    return flips(TEST_FILE, "test", 40, false, 62);
  }

  @TestFactory
  Stream<DynamicTest> bitFlipsInTheTrainFileMetadata() {
    return flips(TRAIN_FILE, "train", 60, true, 63);
  }
}
