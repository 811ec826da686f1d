package io.jdnn.data.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.jdnn.core.training.dataset.Batch;
import io.jdnn.data.io.DataFormatException;
import io.jdnn.data.io.FaultCases;
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
 * The out-of-core reader on damaged files: an {@link ImageSetWriter} file truncated at many offsets
 * and with bits flipped, opened with {@link Hdf5Batches} and read to the end in slices. Each case
 * ends in a {@link DataFormatException} naming the file, or reads batches that keep the reader's
 * promises (right shapes, pixels in [0, 1], labels 0 or 1).
 */
class Hdf5BatchesFaultsTest {
  private static final int M = 40;
  private static final int SIDE = 6;

  @TempDir
  static Path tmp;

  private static byte[] original() {
    Path file = tmp.resolve("original.h5");
    SplittableRandom rng = new SplittableRandom(8);
    try (ImageSetWriter w = ImageSetWriter.create(file, "x", "y", M, SIDE, SIDE, 3)) {
      for (int j = 0; j < M; j++) {
        byte[] pixels = new byte[SIDE * SIDE * 3];
        for (int i = 0; i < pixels.length; i++) {
          pixels[i] = (byte) rng.nextInt(256);
        }
        w.append(pixels, rng.nextInt(2));
      }
    }
    return FaultCases.bytes(file);
  }

  /** Opens and reads every example in batches of 16; returns the number read. */
  private static Integer readAll(Path file) {
    try (Hdf5Batches batches = Hdf5Batches.open(file, "x", "y")) {
      int read = 0;
      for (int from = 0; from < batches.count(); from += 16) {
        int to = Math.min(from + 16, batches.count());
        Batch b = batches.read(from, to);
        assertThat(b.x().rows()).isEqualTo(batches.features());
        assertThat(b.x().cols()).isEqualTo(to - from);
        for (double v : b.x().data()) {
          assertThat(v).isBetween(0.0, 1.0);
        }
        for (double v : b.y().data()) {
          assertThat(v == 0.0 || v == 1.0).isTrue();
        }
        read += to - from;
      }
      return read;
    }
  }

  @TestFactory
  Stream<DynamicTest> truncatedFiles() {
    byte[] whole = original();
    List<DynamicTest> tests = new ArrayList<>();
    for (int n = 0; n < whole.length; n += Math.max(1, whole.length / 120)) {
      int length = n;
      String name = "cut to " + length + " of " + whole.length + " bytes";
      tests.add(dynamicTest(name, () -> {
        Path file = FaultCases.write(tmp, "cut-" + length + ".h5", Arrays.copyOf(whole, length));
        assertThat((Object) FaultCases.run(name, file, DataFormatException.class, () -> readAll(file))).as(name).isNull();
      }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> filesWithFlippedBits() {
    byte[] whole = original();
    SplittableRandom rng = new SplittableRandom(81);
    List<DynamicTest> tests = new ArrayList<>();
    for (int c = 0; c < 120; c++) {
      // Most flips go into the headers (the first 1,500 bytes), where damage is structural.
      int position = rng.nextInt(4) == 0 ? rng.nextInt(whole.length) : rng.nextInt(1500);
      int mask = 1 << rng.nextInt(8);
      String name = "bit flipped at byte " + position;
      int id = c;
      tests.add(dynamicTest(name, () -> {
        byte[] damaged = whole.clone();
        damaged[position] ^= (byte) mask;
        Path file = FaultCases.write(tmp, "flip-" + id + ".h5", damaged);
        Integer read = FaultCases.run(name, file, DataFormatException.class, () -> readAll(file));
        if (read != null) {
          // A flip that loads (a pixel, a label's value) must not have changed the declared
          // shape: every one of the original's examples is read, each of the original's size
          // (readAll checks the features against the opened file's; this pins that to the original).
          assertThat(read).as(name).isEqualTo(M);
          try (Hdf5Batches batches = Hdf5Batches.open(file, "x", "y")) {
            assertThat(batches.imageShape()).as(name).containsExactly(SIDE, SIDE, 3);
          }
        }
      }));
    }
    return tests.stream();
  }
}
