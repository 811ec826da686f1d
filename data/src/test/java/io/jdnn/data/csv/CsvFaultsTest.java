package io.jdnn.data.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.jdnn.data.io.FaultCases;
import io.jdnn.data.io.DataFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged CSV files, seeded: a table of 30 rows truncated at every length, with random bits flipped,
 * with random bytes, with cells swapped for text. Each ends in a {@link DataFormatException} naming
 * the file, or in a table that keeps the reader's promises (the header's features, finite values,
 * every row read): a cut inside the last number or a flipped digit cannot be seen. Never a hang, an
 * OutOfMemoryError or another exception.
 */
class CsvFaultsTest {
  private static final int ROWS = 30;

  @TempDir
  static Path tmp;

  private static final byte[] TABLE = table();

  private static byte[] table() {
    StringBuilder s = new StringBuilder("sepal length,\"sepal width\",petal,species\n");
    SplittableRandom rng = new SplittableRandom(41);
    String[] classes = {"setosa", "versicolor", "\"virginica, tall\""};
    for (int j = 0; j < ROWS; j++) {
      s.append(String.format(Locale.ROOT, "%.2f,%.3e,%d,%s%n", rng.nextDouble(4, 8), rng.nextDouble(), rng.nextInt(-5, 5),
          classes[j % 3]));
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Loads as training data; a table that loads must keep the reader's promises. */
  private static Object load(Path file) {
    CsvDataset data = CsvDataset.load(file, null, "species");
    assertThat(data.featureNames()).hasSize(3);
    assertThat(data.train().count()).isBetween(1, ROWS);
    for (double v : data.train().x().data()) {
      assertThat(Double.isFinite(v)).isTrue();
    }
    assertThat(data.classes().size()).isGreaterThanOrEqualTo(2);
    return data;
  }

  @TestFactory
  Stream<DynamicTest> truncatedTables() {
    List<DynamicTest> tests = new ArrayList<>();
    for (int n = 0; n < TABLE.length; n += 3) {
      int length = n;
      String name = "table cut to " + length + " of " + TABLE.length + " bytes";
      tests.add(dynamicTest(name, () -> {
        Path file = FaultCases.write(tmp, "cut-" + length + ".csv", Arrays.copyOf(TABLE, length));
        Object loaded = FaultCases.run(name, file, DataFormatException.class, () -> load(file));
        if (loaded instanceof CsvDataset data) {
          // Only the rows after the cut, and the last number cut short, can differ: every row before is intact.
          CsvDataset whole = CsvDataset.load(FaultCases.write(tmp, "whole.csv", TABLE), null, "species");
          int m = data.train().count();
          for (int j = 0; j < m - 1; j++) {
            for (int f = 0; f < 3; f++) {
              assertThat(data.train().x().get(f, j)).as(name).isEqualTo(whole.train().x().get(f, j));
            }
          }
        }
      }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> tablesWithFlippedBits() {
    List<DynamicTest> tests = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(42);
    for (int c = 0; c < 150; c++) {
      int position = rng.nextInt(TABLE.length);
      int mask = 1 << rng.nextInt(8);
      String name = "bit " + Integer.numberOfTrailingZeros(mask) + " of byte " + position + " flipped";
      int id = c;
      tests.add(dynamicTest(name, () -> {
        byte[] damaged = TABLE.clone();
        damaged[position] ^= (byte) mask;
        Path file = FaultCases.write(tmp, "flip-" + id + ".csv", damaged);
        FaultCases.run(name, file, DataFormatException.class, () -> load(file));
      }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> randomBytesAndText() {
    List<DynamicTest> tests = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(43);
    for (int c = 0; c < 30; c++) {
      byte[] bytes = new byte[rng.nextInt(0, 2048)];
      for (int i = 0; i < bytes.length; i++) {
        // Half the cases printable ASCII with commas and line breaks, half any byte.
        bytes[i] = c % 2 == 0 ? (byte) rng.nextInt(256) : (byte) ",\n\"abc123.e-"
            .charAt(rng.nextInt(11));
      }
      String name = bytes.length + (c % 2 == 0 ? " random bytes" : " random CSV-like characters");
      int id = c;
      tests.add(dynamicTest(name, () -> {
        Path file = FaultCases.write(tmp, "noise-" + id + ".csv", bytes);
        assertThat(FaultCases.run(name, file, DataFormatException.class, () -> load(file))).isNull();
      }));
    }
    return tests.stream();
  }
}
