package io.jdnn.data.idx;

import static io.jdnn.data.idx.IdxFiles.cyclingLabels;
import static io.jdnn.data.idx.IdxFiles.gzip;
import static io.jdnn.data.idx.IdxFiles.images;
import static io.jdnn.data.idx.IdxFiles.labels;
import static io.jdnn.data.idx.IdxFiles.pixels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.jdnn.data.io.FaultCases;
import io.jdnn.data.io.DataFormatException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged IDX files, seeded: plain and gzip image and label files truncated at every length, with
 * random bits flipped, with wrong magic numbers, with dimensions that disagree with the length, and
 * with headers declaring 10^9 images. Each ends in a {@link DataFormatException} naming the file and
 * the problem, or (only where the damage cannot be seen: a flipped pixel, a gzip header's time
 * stamp) in images of the declared shape; never a hang or an OutOfMemoryError.
 */
class IdxFaultsTest {
  private static final int COUNT = 12;
  private static final int ROWS = 4;
  private static final int COLUMNS = 5;

  @TempDir
  static Path tmp;

  private static final byte[] PIXELS = pixels(COUNT, ROWS, COLUMNS, 21);
  private static final byte[] IMAGES = images(IdxFile.IMAGES_MAGIC, COUNT, ROWS, COLUMNS, PIXELS);
  private static final byte[] LABELS = labels(IdxFile.LABELS_MAGIC, COUNT, cyclingLabels(COUNT, 3));

  /** Reads images; a loaded result must have the declared shape. */
  private static Object readImages(Path file) {
    IdxImages images = IdxFile.readImages(file);
    assertThat(images.count()).isEqualTo(COUNT);
    assertThat(images.features()).isEqualTo(ROWS * COLUMNS);
    assertThat(images.pixels()).hasSize(COUNT * ROWS * COLUMNS);
    return images;
  }

  private static Object readLabels(Path file) {
    byte[] labels = IdxFile.readLabels(file);
    assertThat(labels).hasSize(COUNT);
    return labels;
  }

  private interface Read {
    Object apply(Path file);
  }

  private static List<DynamicTest> truncations(String kind, byte[] whole, Read read) {
    List<DynamicTest> tests = new ArrayList<>();
    for (int n = 0; n < whole.length; n++) {
      int length = n;
      String name = kind + " cut to " + length + " of " + whole.length + " bytes";
      tests.add(dynamicTest(name, () -> {
        Path file = FaultCases.write(tmp, kind.replace(' ', '-') + "-cut-" + length, Arrays.copyOf(whole, length));
        Object loaded = FaultCases.run(name, file, DataFormatException.class, () -> read.apply(file));
        assertThat(loaded).as(name + ": a file missing bytes must not load").isNull();
      }));
    }
    return tests;
  }

  @TestFactory
  Stream<DynamicTest> truncatedFiles() {
    List<DynamicTest> tests = new ArrayList<>();
    tests.addAll(truncations("images", IMAGES, IdxFaultsTest::readImages));
    tests.addAll(truncations("images gz", gzip(IMAGES), IdxFaultsTest::readImages));
    tests.addAll(truncations("labels", LABELS, IdxFaultsTest::readLabels));
    tests.addAll(truncations("labels gz", gzip(LABELS), IdxFaultsTest::readLabels));
    return tests.stream();
  }

  private static List<DynamicTest> flips(String kind, byte[] whole, boolean packed, Read read, long seed) {
    List<DynamicTest> tests = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(seed);
    for (int c = 0; c < 60; c++) {
      int position = rng.nextInt(whole.length);
      int mask = 1 << rng.nextInt(8);
      String name = kind + " with bit " + Integer.numberOfTrailingZeros(mask) + " of byte " + position + " flipped";
      int id = c;
      tests.add(dynamicTest(name, () -> {
        byte[] damaged = whole.clone();
        damaged[position] ^= (byte) mask;
        Path file = FaultCases.write(tmp, kind.replace(' ', '-') + "-flip-" + id, damaged);
        Object loaded = FaultCases.run(name, file, DataFormatException.class, () -> read.apply(file));
        if (loaded instanceof IdxImages images && packed) {
          // Flips the CRC-32 cannot see lie outside the data (gzip header fields such as the time).
          assertThat(images.pixels()).as(name).isEqualTo(IdxFile.readImages(FaultCases.write(tmp, "intact-" + id,
              whole)).pixels());
        }
      }));
    }
    return tests;
  }

  @TestFactory
  Stream<DynamicTest> filesWithFlippedBits() {
    List<DynamicTest> tests = new ArrayList<>();
    tests.addAll(flips("images", IMAGES, false, IdxFaultsTest::readImages, 31));
    tests.addAll(flips("images gz", gzip(IMAGES), true, IdxFaultsTest::readImages, 32));
    tests.addAll(flips("labels", LABELS, false, IdxFaultsTest::readLabels, 33));
    tests.addAll(flips("labels gz", gzip(LABELS), true, IdxFaultsTest::readLabels, 34));
    return tests.stream();
  }

  /** A header whose fields are replaced, and words its message must hold. */
  private record Header(String name, int magic, int count, int rows, int columns, String expected) {}

  @TestFactory
  Stream<DynamicTest> wrongHeaders() {
    List<Header> headers = List.of(
        new Header("labels magic", IdxFile.LABELS_MAGIC, COUNT, ROWS, COLUMNS, "it is a labels file"),
        new Header("float type", 0x00000D03, COUNT, ROWS, COLUMNS, "type code 0x0D"),
        new Header("zip magic", 0x504B0304, COUNT, ROWS, COLUMNS, "not an IDX file"),
        new Header("4 dimensions", 0x00000804, COUNT, ROWS, COLUMNS, "4 dimensions"),
        new Header("one image more", IdxFile.IMAGES_MAGIC, COUNT + 1, ROWS, COLUMNS, "13 images of 4x5"),
        new Header("one image less", IdxFile.IMAGES_MAGIC, COUNT - 1, ROWS, COLUMNS, "11 images of 4x5"),
        new Header("one row more", IdxFile.IMAGES_MAGIC, COUNT, ROWS + 1, COLUMNS, "12 images of 5x5"),
        new Header("zero images", IdxFile.IMAGES_MAGIC, 0, ROWS, COLUMNS, "0 as the image count"),
        new Header("10^9 images", IdxFile.IMAGES_MAGIC, 1_000_000_000, ROWS, COLUMNS, "1,000,000,000 images of 4x5"),
        new Header("10^9 images of 28x28", IdxFile.IMAGES_MAGIC, 1_000_000_000, 28, 28,
            "1,000,000,000 images of 28x28"),
        new Header("2^31-1 rows", IdxFile.IMAGES_MAGIC, COUNT, Integer.MAX_VALUE, Integer.MAX_VALUE, "2147483647x"));
    List<DynamicTest> tests = new ArrayList<>();
    for (Header h : headers) {
      for (boolean packed : new boolean[] {false, true}) {
        String name = h.name() + (packed ? " (gzip)" : "");
        tests.add(dynamicTest(name, () -> {
          byte[] content = IMAGES.clone();
          ByteBuffer.wrap(content).putInt(0, h.magic()).putInt(4, h.count()).putInt(8, h.rows()).putInt(12, h.columns());
          Path file = FaultCases.write(tmp, name.replace(' ', '-'), packed ? gzip(content) : content);
          assertThat(FaultCases.run(name, file, DataFormatException.class, () -> readImages(file))).isNull();
          try {
            IdxFile.readImages(file);
          } catch (DataFormatException e) {
            assertThat(e.getMessage()).as(name).contains(h.expected());
          }
        }));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> randomBytes() {
    List<DynamicTest> tests = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(35);
    for (int c = 0; c < 30; c++) {
      byte[] bytes = new byte[rng.nextInt(0, 2048)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) rng.nextInt(256);
      }
      if (c % 3 == 0 && bytes.length >= 4) {
        ByteBuffer.wrap(bytes).putInt(0, IdxFile.IMAGES_MAGIC); // past the magic, into the dimensions
      }
      String name = bytes.length + " random bytes" + (c % 3 == 0 ? " after the images magic" : "");
      int id = c;
      tests.add(dynamicTest(name, () -> {
        Path file = FaultCases.write(tmp, "noise-" + id, bytes);
        assertThat(FaultCases.run(name, file, DataFormatException.class, () -> readImages(file))).isNull();
      }));
    }
    return tests.stream();
  }
}
