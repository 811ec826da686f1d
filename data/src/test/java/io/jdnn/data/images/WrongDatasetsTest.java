package io.jdnn.data.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.jdnn.data.io.DataFormatException;
import io.jdnn.data.io.FaultCases;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Well-formed HDF5 files (written with jhdf) whose datasets are wrong for a labelled image set:
 * wrong name, rank, type or length, labels outside {0, 1}, pixels outside [0, 255], NaN in float
 * data, strings and groups where numbers belong. Each variant runs on several seeded sizes; each
 * must end in a {@link DataFormatException} naming the file, the dataset and the problem. A valid
 * file of the same sizes loads, so the writer is not what is being rejected.
 */
class WrongDatasetsTest {
  private static final int SEEDS = 12;
  private static final String X = "train_set_x";
  private static final String Y = "train_set_y";

  @TempDir
  static Path tmp;

  /** Random sizes of one case: m examples of h x w x c pixels. */
  private record Sizes(int m, int h, int w, int c, SplittableRandom rng) {
    static Sizes draw(long seed) {
      SplittableRandom rng = new SplittableRandom(seed);
      return new Sizes(rng.nextInt(2, 12), rng.nextInt(1, 6), rng.nextInt(1, 6), rng.nextBoolean() ? 3 : 1, rng);
    }

    /** Pixels as int16 (jhdf writes Java bytes as signed int8, so 0..255 needs 16 bits). */
    short[][][][] pixels() {
      short[][][][] p = new short[m][h][w][c];
      for (short[][][] image : p) {
        for (short[][] row : image) {
          for (short[] px : row) {
            for (int k = 0; k < c; k++) {
              px[k] = (short) rng.nextInt(256);
            }
          }
        }
      }
      return p;
    }

    double[] labels() {
      double[] y = new double[m];
      for (int j = 0; j < m; j++) {
        y[j] = rng.nextInt(2);
      }
      return y;
    }

    double[][][][] floatPixels() {
      double[][][][] p = new double[m][h][w][c];
      for (double[][][] image : p) {
        for (double[][] row : image) {
          for (double[] px : row) {
            for (int k = 0; k < c; k++) {
              px[k] = rng.nextInt(256);
            }
          }
        }
      }
      return p;
    }
  }

  /** One kind of damage: what to write, and words the message must contain. */
  private record Variant(String name, BiConsumer<WritableHdfFile, Sizes> writer, String... expected) {}

  private static List<Variant> variants() {
    List<Variant> v = new ArrayList<>();
    v.add(new Variant("images missing", (f, s) -> {
      f.putDataset("train_set_X", s.pixels());
      f.putDataset(Y, s.labels());
    }, "no dataset '" + X + "'", "train_set_X"));
    v.add(new Variant("labels missing", (f, s) -> {
      f.putDataset(X, s.pixels());
      f.putDataset("labels", s.labels());
    }, "no dataset '" + Y + "'"));
    v.add(new Variant("images of rank 3", (f, s) -> {
      f.putDataset(X, new short[s.m][s.h][s.w * s.c]);
      f.putDataset(Y, s.labels());
    }, X, "rank 3", "expected rank 4"));
    v.add(new Variant("images of rank 2", (f, s) -> {
      f.putDataset(X, new short[s.m][s.h * s.w * s.c]);
      f.putDataset(Y, s.labels());
    }, X, "rank 2", "expected rank 4"));
    v.add(new Variant("images of rank 1", (f, s) -> {
      f.putDataset(X, new short[s.m * s.h * s.w * s.c]);
      f.putDataset(Y, s.labels());
    }, X, "rank 1", "expected rank 4"));
    v.add(new Variant("images of rank 5", (f, s) -> {
      f.putDataset(X, new short[s.m][s.h][s.w][s.c][1]);
      f.putDataset(Y, s.labels());
    }, X, "rank 5", "expected rank 4"));
    v.add(new Variant("float64 images", (f, s) -> {
      f.putDataset(X, s.floatPixels());
      f.putDataset(Y, s.labels());
    }, X, "float64", "expected integer pixel values"));
    v.add(new Variant("float64 images holding NaN", (f, s) -> {
      double[][][][] p = s.floatPixels();
      p[s.rng.nextInt(s.m)][0][0][0] = Double.NaN;
      f.putDataset(X, p);
      f.putDataset(Y, s.labels());
    }, X, "float64", "expected integer"));
    v.add(new Variant("float32 images", (f, s) -> {
      f.putDataset(X, new float[s.m][s.h][s.w][s.c]);
      f.putDataset(Y, s.labels());
    }, X, "float32", "expected integer"));
    v.add(new Variant("a pixel above 255", (f, s) -> {
      short[][][][] p = s.pixels();
      p[s.m - 1][s.h - 1][s.w - 1][s.c - 1] = (short) (256 + s.rng.nextInt(1000));
      f.putDataset(X, p);
      f.putDataset(Y, s.labels());
    }, X, "pixel value", "example", "expected 0 to 255"));
    v.add(new Variant("a negative pixel", (f, s) -> {
      short[][][][] p = s.pixels();
      p[0][0][0][0] = (short) -(1 + s.rng.nextInt(100));
      f.putDataset(X, p);
      f.putDataset(Y, s.labels());
    }, X, "pixel value", "example 0", "expected 0 to 255"));
    v.add(new Variant("one label too many", (f, s) -> {
      f.putDataset(X, s.pixels());
      f.putDataset(Y, new double[s.m + 1]);
    }, Y, "labels (one per image)"));
    v.add(new Variant("one label too few", (f, s) -> {
      f.putDataset(X, s.pixels());
      f.putDataset(Y, new double[s.m - 1]);
    }, Y, "labels (one per image)"));
    v.add(new Variant("labels in a 2-row matrix", (f, s) -> {
      f.putDataset(X, s.pixels());
      f.putDataset(Y, new double[2][s.m]);
    }, Y, "shape [2, ", "labels (one per image)"));
    for (double bad : new double[] {2, -1, 0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
      v.add(new Variant("a label of " + bad, (f, s) -> {
        double[] y = s.labels();
        y[s.rng.nextInt(s.m)] = bad;
        f.putDataset(X, s.pixels());
        f.putDataset(Y, y);
      }, Y, "label " + bad, "expected 0 or 1"));
    }
    v.add(new Variant("labels as strings", (f, s) -> {
      f.putDataset(X, s.pixels());
      String[] y = new String[s.m];
      java.util.Arrays.fill(y, "cat");
      f.putDataset(Y, y);
    }, Y, "holds string", "expected numbers"));
    v.add(new Variant("images as strings", (f, s) -> {
      f.putDataset(X, new String[] {"not", "pixels"});
      f.putDataset(Y, s.labels());
    }, X, "holds string", "expected numbers"));
    v.add(new Variant("images are a group", (f, s) -> {
      f.putGroup(X).putDataset("inside", s.pixels());
      f.putDataset(Y, s.labels());
    }, X, "is a group", "expected a dataset"));
    v.add(new Variant("labels are one number", (f, s) -> {
      f.putDataset(X, s.pixels());
      f.putDataset(Y, 1.0);
    }, Y, "labels (one per image)"));
    return v;
  }

  private static Path write(String name, BiConsumer<WritableHdfFile, Sizes> writer, Sizes sizes) {
    Path file = tmp.resolve(name.replaceAll("[^A-Za-z0-9.-]+", "_") + ".h5");
    try (WritableHdfFile f = HdfFile.write(file)) {
      writer.accept(f, sizes);
    }
    return file;
  }

  @TestFactory
  Stream<DynamicTest> wrongDatasetsAreRejectedByName() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Variant variant : variants()) {
      for (int seed = 0; seed < SEEDS; seed++) {
        Sizes sizes = Sizes.draw(seed * 31L + variant.name().hashCode());
        String name = variant.name() + ", m=" + sizes.m() + ", " + sizes.h() + "x" + sizes.w() + "x" + sizes.c();
        tests.add(dynamicTest(name, () -> {
          Path file = write(name, variant.writer(), sizes);
          Object result = FaultCases.run(name, file, DataFormatException.class, () -> LabeledImages.read(file, X, Y));
          assertThat(result).as(name + ": must be rejected").isNull();
          try {
            LabeledImages.read(file, X, Y);
          } catch (DataFormatException e) {
            assertThat(e.getMessage()).as(name).contains(variant.expected());
          }
        }));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> theSameSizesLoadWhenNothingIsWrong() {
    List<DynamicTest> tests = new ArrayList<>();
    for (int seed = 0; seed < SEEDS; seed++) {
      Sizes sizes = Sizes.draw(seed * 31L + 7);
      short[][][][] pixels = sizes.pixels();
      double[] labels = sizes.labels();
      tests.add(dynamicTest("valid, m=" + sizes.m(), () -> {
        Path file = write("valid-" + sizes.m() + "-" + sizes.h() + "-" + sizes.w(), (f, s) -> {
          f.putDataset(X, pixels);
          f.putDataset(Y, labels);
        }, sizes);
        LabeledImages images = LabeledImages.read(file, X, Y);
        int features = sizes.h() * sizes.w() * sizes.c();
        assertThat(images.x().rows()).isEqualTo(features);
        assertThat(images.count()).isEqualTo(sizes.m());
        // X = x.reshape(m, -1).T / 255: the last pixel of the last image is the bottom-right entry
        assertThat(images.x().get(features - 1, sizes.m() - 1))
            .isEqualTo(pixels[sizes.m() - 1][sizes.h() - 1][sizes.w() - 1][sizes.c() - 1] / 255.0);
        assertThat(images.y().data()).containsExactly(labels);
      }));
    }
    return tests.stream();
  }
}
