package io.jdnn.examples.cat;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.math.Matrix;
import io.jdnn.data.idx.IdxDataset;
import io.jdnn.examples.ProjectData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jdnn-cat} on the bundled digits and on CSV tables the test writes: train, evaluate, predict
 * and summary, the network the data asks for, and every bad table as one line naming file, line and
 * column with exit code 1.
 */
class DigitsAndTablesCliTest {
  private static final String DIGITS = ProjectData.datasets().resolve("digits").toString();
  private static final String HEADER = "length,width,species\n";

  @TempDir
  static Path tmp;

  private static Path digitsModel;

  /** One quick epoch on the digits: enough for a model that predicts far better than chance. */
  @BeforeAll
  static void trainDigits() {
    digitsModel = tmp.resolve("digits.h5");
    CliRun run = CliRun.of("train", "--data", DIGITS, "--optimizer", "adam", "--learning-rate", "0.003",
        "--batch-size", "128", "--epochs", "2", "--init", "he", "--save", digitsModel.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(lines.size() - 2)).matches("Train accuracy: 0\\.9\\d+");
    assertThat(lines.get(lines.size() - 1)).matches("Test accuracy: 0\\.9\\d+");
  }

  private static Path csv(String name, String content) throws IOException {
    return Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
  }

  @Test
  void aDigitsModelIsASoftmaxOverTenNamedClasses() {
    CliRun run = CliRun.of("summary", "--model", digitsModel.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Dense(in=784, out=128)").contains("Softmax()")
        .contains("Classes: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9");
  }

  @Test
  void evaluateReportsBothSetsAndEveryDigit() {
    CliRun run = CliRun.of("evaluate", "--model", digitsModel.toString(), "--data", DIGITS);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("Train accuracy: 0\\.9\\d+").containsPattern("Test accuracy: 0\\.9\\d+")
        .contains("Test set, 2000 digits:").containsPattern("\n +9 +0\\.\\d{4}");
  }

  @Test
  void predictTakesADigitPictureOfAnySizeEitherWayRound() throws IOException {
    IdxDataset digits = IdxDataset.load(Path.of(DIGITS));
    Matrix x = digits.test().x();
    int j = 0; // the first test digit, drawn 5x larger, as MNIST draws it and inverted (ink on paper)
    BufferedImage light = new BufferedImage(140, 140, BufferedImage.TYPE_INT_RGB);
    BufferedImage dark = new BufferedImage(140, 140, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 140; y++) {
      for (int c = 0; c < 140; c++) {
        int v = (int) Math.round(x.get((y / 5) * 28 + c / 5, j) * 255);
        light.setRGB(c, y, v * 0x010101);
        dark.setRGB(c, y, (255 - v) * 0x010101);
      }
    }
    Path lightFile = tmp.resolve("light.png");
    Path darkFile = tmp.resolve("dark.png");
    ImageIO.write(light, "png", lightFile.toFile());
    ImageIO.write(dark, "png", darkFile.toFile());
    int truth = io.jdnn.core.training.dataset.Labels.predicted(digits.test().y(), j);
    CliRun run = CliRun.of("predict", "--model", digitsModel.toString(), lightFile.toString(), darkFile.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines().toList()).containsExactly(
        lightFile + "\t" + run.out().lines().toList().get(0).split("\t")[1] + "\t" + truth,
        darkFile + "\t" + run.out().lines().toList().get(1).split("\t")[1] + "\t" + truth);
  }

  @Test
  void layersThatDoNotFitTheDigitsSayWhatWould() {
    CliRun run = CliRun.of("train", "--data", DIGITS, "--layers", "784,64,1");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("jdnn-cat: --layers ends in 1 output but the data has 10 classes (0, 1, 2, 3, 4,"
        + " 5, 6, 7, 8, 9), which take 10 outputs (a softmax); e.g. --layers 784,64,10 (see jdnn-cat train --help)\n");
    run = CliRun.of("train", "--data", DIGITS, "--layers", "12288,64,10");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("jdnn-cat: --layers starts with 12288 inputs but the digits in " + DIGITS
        + " have 784 values each (28x28); e.g. --layers 784,64,10 (see jdnn-cat train --help)\n");
  }

  @Test
  void tableOptionsOnAFolderAreUsageMistakes() {
    CliRun run = CliRun.of("train", "--data", DIGITS, "--no-standardize");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--no-standardize is for CSV tables");
    run = CliRun.of("train", "--data", DIGITS, "--label", "digit");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--label is for CSV tables");
  }

  /** Two well separated classes whose features differ by a factor of 1000 in scale. */
  private static String twoClassTable(int rows, long seed) {
    StringBuilder s = new StringBuilder("size_mm,weight_g,kind\n");
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    for (int i = 0; i < rows; i++) {
      boolean big = i % 2 == 0;
      s.append(String.format(java.util.Locale.ROOT, "%.3f,%.1f,%s%n", (big ? 0.8 : 0.2) + rng.nextDouble() * 0.3,
          (big ? 3000 : 1500) + rng.nextDouble() * 1000, big ? "large" : "small"));
    }
    return s.toString();
  }

  @Test
  void aTwoClassTableTrainsOneSigmoidBehindTheStandardizationAndKeepsItsNames() throws IOException {
    Path train = csv("kinds-train.csv", twoClassTable(60, 1));
    Path test = csv("kinds-test.csv", twoClassTable(20, 2));
    Path model = tmp.resolve("kinds.h5");
    CliRun run = CliRun.of("train", "--data", train.toString(), "--test-data", test.toString(), "--label", "kind",
        "--layers", "2,4,1", "--optimizer", "adam", "--learning-rate", "0.05", "--iterations", "200",
        "--print-every", "100", "--save", model.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Train accuracy: 1.0\n").contains("Test accuracy: 1.0\n");

    CliRun summary = CliRun.of("summary", "--model", model.toString());
    assertThat(summary.out()).contains("Standardization(features=2)").contains("mean1 2x1, std1 2x1")
        .contains("Sigmoid()").contains("Classes: large, small").contains("Features: size_mm, weight_g");

    // Rows to predict: the columns in another order, an id column, no label.
    Path rows = csv("new.csv", "id,weight_g,size_mm\na,3500,0.9\nb,1600,0.25\n");
    CliRun predict = CliRun.of("predict", "--model", model.toString(), rows.toString());
    assertThat(predict.exitCode()).as(predict.err()).isZero();
    List<String> lines = predict.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith(rows + ":2\t").endsWith("\tlarge");
    assertThat(lines.get(1)).startsWith(rows + ":3\t").endsWith("\tsmall");

    CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", test.toString(), "--label", "kind");
    assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
    assertThat(evaluate.out()).startsWith("Accuracy: 1.0\n")
        .contains(test + ", 20 rows (a probability above 0.5 is small):").contains("large").contains("small");
  }

  @Test
  void withoutStandardizationTheModelHasNoSuchLayer() throws IOException {
    Path train = csv("raw.csv", twoClassTable(20, 3));
    Path model = tmp.resolve("raw.h5");
    CliRun run = CliRun.of("train", "--data", train.toString(), "--label", "kind", "--no-standardize",
        "--iterations", "2", "--save", model.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Train accuracy: ").doesNotContain("Test accuracy");
    assertThat(CliRun.of("summary", "--model", model.toString()).out()).doesNotContain("Standardization")
        .contains("Dense(in=2, out=16)");
  }

  private static void assertFails(String expected, String... args) {
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("jdnn-cat: error: " + expected + "\n");
  }

  @Test
  void everyBadTableIsOneLineNamingFileLineAndColumn() throws IOException {
    Path good = csv("good.csv", HEADER + "1,2,a\n3,4,b\n");
    Path notANumber = csv("nan-text.csv", HEADER + "1,2,a\n3,four,b\n");
    assertFails(notANumber + ": line 3, column 2 ('width'): 'four' is not a number",
        "train", "--data", notANumber.toString(), "--label", "species");
    Path fewer = csv("fewer.csv", HEADER + "1,2,a\n3,b\n");
    assertFails(fewer + ": line 3 has 2 cells, expected 3 as in the header (line 1); column 3 ('species') is missing",
        "train", "--data", fewer.toString(), "--label", "species");
    Path more = csv("more.csv", HEADER + "1,2,a,9\n");
    assertFails(more + ": line 2 has 4 cells, expected 3 as in the header (line 1); column 4 has no name in the header",
        "train", "--data", more.toString(), "--label", "species");
    Path empty = csv("empty.csv", "");
    assertFails(empty + ": the file is empty; expected a header row naming the columns, then one row per example",
        "train", "--data", empty.toString(), "--label", "species");
    assertFails(good + ": line 1 (the header) has no column 'kind' for the label; its columns are: length, width,"
        + " species", "train", "--data", good.toString(), "--label", "kind");
    Path onlyInTest = csv("only-in-test.csv", HEADER + "1,2,a\n5,6,c\n");
    assertFails(onlyInTest + ": line 3, column 3 ('species'): class 'c' does not occur in the training data (" + good
        + "), whose classes are: a, b",
        "train", "--data", good.toString(), "--test-data", onlyInTest.toString(), "--label", "species");
    Path nan = csv("nan.csv", HEADER + "1,NaN,a\n3,4,b\n");
    assertFails(nan + ": line 2, column 2 ('width'): 'NaN' is not a finite number",
        "train", "--data", nan.toString(), "--label", "species");
    Path infinity = csv("inf.csv", HEADER + "1,2,a\nInfinity,4,b\n");
    assertFails(infinity + ": line 3, column 1 ('length'): 'Infinity' is not a finite number",
        "train", "--data", infinity.toString(), "--label", "species");
  }

  @Test
  void aDamagedDigitsFolderIsOneLine() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("damaged-digits"));
    for (String name : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz"}) {
      Files.copy(Path.of(DIGITS, name), dir.resolve(name));
    }
    byte[] test = Files.readAllBytes(Path.of(DIGITS, "t10k-images-idx3-ubyte.gz"));
    Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), java.util.Arrays.copyOf(test, test.length / 2));
    CliRun run = CliRun.of("train", "--data", dir.toString(), "--epochs", "1");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines().toList()).hasSize(1);
    assertThat(run.err()).startsWith("jdnn-cat: error: " + dir.resolve("t10k-images-idx3-ubyte.gz") + ": is truncated");
  }
}
