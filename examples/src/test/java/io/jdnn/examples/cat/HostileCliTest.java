package io.jdnn.examples.cat;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Sequential;
import io.jdnn.data.io.ChildJvm;
import io.jdnn.data.model.ModelFile;
import io.jdnn.examples.ProjectData;
import io.jdnn.layers.Dense;
import io.jdnn.layers.Networks;
import io.jdnn.layers.ReLU;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against what an adversarial user tries: sizes that do not fit the heap, a
 * negative seed, --save onto the run's own data or onto things that are not regular files, a model
 * whose output is not a probability, a tile bomb among pictures, and standard output that cannot
 * be written (/dev/full), which must not end in exit code 0.
 */
class HostileCliTest {
  @TempDir
  static Path tmp;
  static Path model;
  static Path picture;

  @BeforeAll
  static void files() throws IOException {
    model = tmp.resolve("small.h5");
    ModelFile.save(Networks.reluSigmoid(12288, 3, 1).initialize(Initializer.LECUN, new NumpyRandom(1)), model);
    picture = tmp.resolve("gray.png");
    ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "png", picture.toFile());
  }

  private static void assertOneLine(CliRun r, int exit, String... fragments) {
    assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isEqualTo(exit);
    assertThat(r.err().lines().toList()).as("one line on stderr").hasSize(1);
    for (String f : fragments) {
      assertThat(r.err()).contains(f);
    }
  }

  @Test
  void layersLargerThanTheHeapAreAUsageErrorSayingHowMuchTheyNeed() {
    String data = ProjectData.catvnoncat().toString();
    CliRun wide = CliRun.of("train", "--data", data, "--layers", "12288,100000,1", "--iterations", "1");
    assertOneLine(wide, 2, "--layers 12288,100000,1 (1229000001 parameters, 209 examples per batch) needs 19,551 MiB",
        "MiB, and this JVM has ", "raise it with -Xmx");
    // 12288 x 1,000,000 overflowed an int before: now the same message, with the right size.
    CliRun wider = CliRun.of("train", "--data", data, "--layers", "12288,1000000,1", "--iterations", "1");
    assertOneLine(wider, 2, "--layers 12288,1000000,1 (12290000001 parameters, 209 examples per batch) needs ");
    assertThat(wider.err()).doesNotContain("ArithmeticException");
  }

  @Test
  void aSeedOutsideNumpysRangeIsAUsageError() {
    assertOneLine(CliRun.of("train", "--seed", "-1", "--iterations", "1"), 2,
        "--seed must be 0 to 4294967295 (as NumPy's), got -1");
    assertOneLine(CliRun.of("tune", "--seed", "4294967296"), 2,
        "--seed must be 0 to 4294967295 (as NumPy's), got 4294967296");
  }

  @Test
  void saveRefusesTheRunsOwnDataAndAnythingButARegularFile() throws Exception {
    Path data = tmp.resolve("data");
    Files.createDirectories(data);
    for (String name : List.of("train_catvnoncat.h5", "test_catvnoncat.h5")) {
      Files.copy(ProjectData.catvnoncat().resolve(name), data.resolve(name));
    }
    Path train = data.resolve("train_catvnoncat.h5");
    long before = Files.size(train);
    assertOneLine(CliRun.of("train", "--data", data.toString(), "--iterations", "1", "--save", train.toString()), 2,
        "--save " + train + " is " + train + ", this run's own data");
    assertThat(Files.size(train)).as("the data file is untouched").isEqualTo(before);

    Path fifo = tmp.resolve("fifo.h5");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    assertOneLine(CliRun.of("train", "--iterations", "1", "--save", fifo.toString()), 2,
        "--save " + fifo + " is a FIFO (named pipe), not a regular file; jdnn replaces only regular files");
    assertOneLine(CliRun.of("train", "--iterations", "1", "--save", "/dev/null"), 2,
        "--save /dev/null is a character device, not a regular file");
    Path link = Files.createSymbolicLink(tmp.resolve("link.h5"), model);
    assertOneLine(CliRun.of("train", "--iterations", "1", "--save", link.toString()), 2,
        "--save " + link + " is a symbolic link (to " + model + "); jdnn replaces only regular files, never a link");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.isRegularFile(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void predictRefusesAModelWhoseOutputIsNotAProbability() {
    Path linear = tmp.resolve("linear.h5");
    ModelFile.save(Sequential.of(new Dense(12288, 4), new ReLU(), new Dense(4, 1))
        .initialize(Initializer.LECUN, new NumpyRandom(2)), linear);
    assertOneLine(CliRun.of("predict", "--model", linear.toString(), picture.toString()), 1,
        "the model ends in Dense", "whose output is not a probability; predict needs a classifier ending in"
            + " Sigmoid or Softmax");
  }

  @Test
  void aTileBombAmongPicturesIsRefusedAndTheNextPictureIsStillPredicted() throws IOException {
    Path bomb = Files.write(tmp.resolve("bomb.tif"), tiffTileBomb());
    CliRun r = CliRun.of("predict", "--model", model.toString(), bomb.toString(), picture.toString());
    assertOneLine(r, 1, bomb + ": the image header declares tiles of 46336x46336 pixels for a 16x16 picture");
    assertThat(r.out().lines().toList()).singleElement().asString().startsWith(picture + "\t");
  }

  @Test
  void outputThatCannotBeWrittenIsAFailureForPredictEvaluateAndTrain() throws Exception {
    assertLostOutputFails("predict", "--model", model.toString(), picture.toString());
    assertLostOutputFails("evaluate", "--model", model.toString(), "--data", ProjectData.catvnoncat().toString());
    assertLostOutputFails("train", "--layers", "12288,3,1", "--iterations", "2", "--data",
        ProjectData.catvnoncat().toString());
  }

  /** Runs jdnn-cat in a child JVM with standard output on /dev/full (every write fails: ENOSPC). */
  private static void assertLostOutputFails(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC", "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), CatClassifier.class.getName()));
    command.addAll(List.of(args));
    Path err = tmp.resolve("err-" + args[0] + ".txt");
    Process p = new ProcessBuilder(command).redirectOutput(new File("/dev/full")).redirectError(err.toFile()).start();
    assertThat(p.waitFor(ChildJvm.TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("%s finishes", args[0]).isTrue();
    String stderr = Files.readString(err);
    assertThat(p.exitValue()).as("%s with stdout on /dev/full; stderr: %s", args[0], stderr).isEqualTo(1);
    assertThat(stderr).contains("jdnn-cat: error: standard output could not be written");
  }

  /** A 146-byte TIFF: a 16x16 gray picture in one deflate tile of 46,336 x 46,336. */
  static byte[] tiffTileBomb() {
    try {
      java.io.ByteArrayOutputStream deflated = new java.io.ByteArrayOutputStream();
      try (java.util.zip.DeflaterOutputStream out = new java.util.zip.DeflaterOutputStream(deflated)) {
        out.write(new byte[64]);
      }
      byte[] data = deflated.toByteArray();
      int[][] entries = {{256, 3, 16}, {257, 3, 16}, {258, 3, 8}, {259, 3, 8}, {262, 3, 1}, {277, 3, 1},
          {322, 3, 46336}, {323, 3, 46336}, {324, 4, 0}, {325, 4, data.length}};
      int dataOffset = 8 + 2 + entries.length * 12 + 4;
      ByteBuffer b = ByteBuffer.allocate(dataOffset + data.length).order(ByteOrder.LITTLE_ENDIAN);
      b.put(new byte[] {'I', 'I', 42, 0}).putInt(8).putShort((short) entries.length);
      for (int[] e : entries) {
        b.putShort((short) e[0]).putShort((short) e[1]).putInt(1);
        int value = e[0] == 324 ? dataOffset : e[2];
        if (e[1] == 3) {
          b.putShort((short) value).putShort((short) 0);
        } else {
          b.putInt(value);
        }
      }
      return b.putInt(0).put(data).array();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
