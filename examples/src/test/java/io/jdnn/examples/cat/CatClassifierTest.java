package io.jdnn.examples.cat;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.ClassificationReport;
import io.jdnn.core.Matrix;
import io.jdnn.core.Parameter;
import io.jdnn.core.Sequential;
import io.jdnn.data.CatVsNonCat;
import io.jdnn.data.ImageLoader;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line run in-process through {@link CatClassifier#run}: one short training (a 3-unit
 * network, 30 iterations, on the real data) whose saved model and report the other commands use.
 */
class CatClassifierTest {
  private static final Path DATA = Path.of(System.getProperty("jdnn.shared", "../shared"), "datasets", "catvnoncat");
  private static final String[] TRAIN = {"train", "--data", DATA.toString(), "--layers", "12288,3,1", "--init", "small",
      "--iterations", "30", "--print-every", "10"};

  @TempDir
  static Path dir;
  static Path model;
  static Path report;
  static Run training;

  record Run(int code, String out, String err) {
    List<String> outLines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
    }

    List<String> errLines() {
      return err.isEmpty() ? List.of() : List.of(err.split("\\R"));
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CatClassifier.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }

  @BeforeAll
  static void trainOnce() {
    model = dir.resolve("models/cat.h5");
    report = dir.resolve("report");
    training = run(concat(TRAIN, "--save", model.toString(), "--report", report.toString()));
  }

  // ---- train ----

  @Test
  void trainPrintsTheCourseLinesAndNothingElseOnStdout() {
    assertThat(training.code()).as(training.err()).isZero();
    List<String> lines = training.outLines();
    assertThat(lines).hasSize(6);
    int[] iterations = {0, 10, 20, 29};
    for (int i = 0; i < 4; i++) {
      assertThat(lines.get(i)).matches("Cost after iteration " + iterations[i] + ": 0\\.6\\d+");
    }
    assertThat(lines.get(4)).matches("Train accuracy: [01]\\.\\d+");
    assertThat(lines.get(5)).matches("Test accuracy: [01]\\.\\d+");
  }

  @Test
  void saveAndReportDoNotChangeWhatTrainPrints() {
    Run plain = run(TRAIN);
    assertThat(plain.code()).isZero();
    assertThat(plain.out()).isEqualTo(training.out());
  }

  @Test
  void theSavedModelScoresWhatTrainingPrinted() {
    Run evaluate = run("evaluate", "--model", model.toString(), "--data", DATA.toString());
    assertThat(evaluate.code()).as(evaluate.err()).isZero();
    // Bit-identical predictions after save and load give the very same accuracy strings.
    assertThat(evaluate.outLines().subList(0, 2)).isEqualTo(training.outLines().subList(4, 6));
    assertThat(evaluate.out()).contains("precision", "recall", "f1-score", "support", "Confusion matrix");
    assertThat(evaluate.out()).containsPattern("non-cat\\s+\\d+\\s+\\d+\\R\\s+cat\\s+\\d+\\s+\\d+");
  }

  @Test
  void reportHasTheCostPlotTheMislabeledGridAndTheMetrics() throws IOException {
    BufferedImage cost = ImageIO.read(report.resolve("cost.png").toFile());
    assertThat(cost).as("cost.png is a readable PNG").isNotNull();
    assertThat(cost.getWidth()).isEqualTo(CostPlot.WIDTH);
    assertThat(cost.getHeight()).isEqualTo(CostPlot.HEIGHT);
    assertThat(distinctColours(cost)).as("a plot, not a blank canvas").isGreaterThan(2);

    CatVsNonCat cats = CatVsNonCat.load(DATA);
    ClassificationReport test = ClassificationReport.of(Sequential.load(model).predict(cats.test().x()),
        cats.test().y());
    int wrong = test.falsePositives() + test.falseNegatives();
    BufferedImage grid = ImageIO.read(report.resolve("mislabeled.png").toFile());
    assertThat(grid).as("mislabeled.png is a readable PNG").isNotNull();
    assertThat(grid.getWidth()).isEqualTo(MislabeledGrid.width(wrong, 64));
    assertThat(grid.getHeight()).isEqualTo(MislabeledGrid.height(wrong, 64));

    String metrics = Files.readString(report.resolve("metrics.txt"));
    assertThat(metrics).contains("test accuracy: " + test.accuracy(), "learning rate: 0.0075", "iterations: 30");
  }

  @Test
  void trainUsageMistakesExitWith2AndOneLine() {
    for (String[] args : List.of(concat(TRAIN, "--iterations", "0"), concat(TRAIN, "--save", dir.toString()),
        new String[] {"train", "--no-such-option"})) {
      Run r = run(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.errLines()).hasSize(1);
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void trainOnAMissingDataFolderExitsWith1() {
    Run r = run("train", "--data", dir.resolve("nowhere").toString(), "--iterations", "1");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.errLines()).singleElement().asString().startsWith("jdnn-cat: error: ").contains("nowhere");
  }

  // ---- evaluate, summary ----

  @Test
  void modelFileMistakes() throws IOException {
    Path text = dir.resolve("not-a-model.h5");
    Files.writeString(text, "hello");
    for (String command : new String[] {"evaluate", "summary", "predict"}) {
      String[] image = command.equals("predict") ? new String[] {"x.png"} : new String[0];
      Run missing = run(concat(new String[] {command, "--model", dir.resolve("missing.h5").toString()}, image));
      assertThat(missing.code()).as(command).isEqualTo(1);
      assertThat(missing.errLines()).singleElement().asString().contains("missing.h5: no such model file");

      Run bad = run(concat(new String[] {command, "--model", text.toString()}, image));
      assertThat(bad.code()).as(command).isEqualTo(1);
      assertThat(bad.errLines()).singleElement().asString().contains("not-a-model.h5: not a readable HDF5 file");

      Run noModel = run(concat(new String[] {command}, image));
      assertThat(noModel.code()).as(command).isEqualTo(2);
      assertThat(noModel.errLines()).singleElement().asString().contains("--model");
    }
  }

  @Test
  void verboseAddsTheStackTrace() {
    Run r = run("summary", "--verbose", "--model", dir.resolve("missing.h5").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("no such model file").contains("\tat io.jdnn.core.ModelFile");
  }

  @Test
  void quietAndVerboseTogetherIsAUsageMistake() {
    Run r = run("--quiet", "summary", "--verbose", "--model", model.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString().contains("--quiet and --verbose");
  }

  @Test
  void summaryShowsTheLayersAndParameterCounts() {
    Run r = run("summary", "--model", model.toString());
    assertThat(r.code()).as(r.err()).isZero();
    int total = 3 * 12288 + 3 + 1 * 3 + 1;
    assertThat(r.out()).contains("Dense(in=12288, out=3)", "ReLU()", "Dense(in=3, out=1)", "Sigmoid()",
        "W1 3x12288, b1 3x1", "W2 1x3, b2 1x1", String.format(Locale.ROOT, "Total parameters: %,d", total));
  }

  /** A file with only W1, b1, W2, b2, as h5py writes the course's parameters, with --layers. */
  @Test
  void courseLayoutFileNeedsLayersAndThenWorksLikeTheModel() throws IOException {
    Path weights = dir.resolve("course-params.h5");
    Sequential saved = Sequential.load(model);
    try (WritableHdfFile hdf = HdfFile.write(weights)) {
      int k = 0;
      for (int i = 0; i < saved.parameters().size(); i++) {
        Parameter p = saved.parameters().get(i);
        k += p.name().equals("W") ? 1 : 0;
        Matrix v = p.value();
        double[][] rows = new double[v.rows()][v.cols()];
        for (int r = 0; r < v.rows(); r++) {
          System.arraycopy(v.data(), r * v.cols(), rows[r], 0, v.cols());
        }
        hdf.putDataset(p.name() + k, rows);
      }
    }
    Run without = run("summary", "--model", weights.toString());
    assertThat(without.code()).isEqualTo(1);
    assertThat(without.errLines()).singleElement().asString().contains("not a jdnn model file").contains("--layers");

    Run with = run("summary", "--model", weights.toString(), "--layers", "12288,3,1");
    assertThat(with.code()).as(with.err()).isZero();
    assertThat(with.out()).contains("W1 3x12288");

    Path image = drawPng(dir.resolve("for-both.png"), 70, 90, BufferedImage.TYPE_INT_RGB);
    Run fromModel = run("predict", "--model", model.toString(), image.toString());
    Run fromWeights = run("predict", "--model", weights.toString(), "--layers", "12288,3,1", image.toString());
    assertThat(fromWeights.code()).isZero();
    assertThat(fromWeights.out()).isEqualTo(fromModel.out());

    Run wrongLayers = run("summary", "--model", weights.toString(), "--layers", "12288,4,1");
    assertThat(wrongLayers.code()).isEqualTo(1);
    assertThat(wrongLayers.errLines()).singleElement().asString().contains("dataset 'W1' has shape 3x12288, expected 4x12288");
  }

  // ---- predict ----

  private static Path drawPng(Path file, int width, int height, int type) throws IOException {
    return draw(file, width, height, type, "png");
  }

  private static Path draw(Path file, int width, int height, int type, String format) throws IOException {
    BufferedImage image = new BufferedImage(width, height, type);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(250, 180, 40, 255), width, height, new Color(20, 60, 200, 90)));
    g.fillRect(0, 0, width, height);
    g.setColor(Color.DARK_GRAY);
    g.fillOval(width / 4, height / 4, width / 2, height / 2);
    g.dispose();
    assertThat(ImageIO.write(image, format, file.toFile())).isTrue();
    return file;
  }

  @Test
  void predictGivesOneStableLinePerImageOfAnyKind() throws IOException {
    List<Path> images = List.of(
        drawPng(dir.resolve("odd.png"), 101, 57, BufferedImage.TYPE_INT_RGB),
        drawPng(dir.resolve("gray.png"), 64, 200, BufferedImage.TYPE_BYTE_GRAY),
        drawPng(dir.resolve("alpha.png"), 33, 33, BufferedImage.TYPE_INT_ARGB),
        draw(dir.resolve("photo.jpg"), 640, 480, BufferedImage.TYPE_INT_RGB, "jpg"));
    List<String> args = new ArrayList<>(List.of("predict", "--model", model.toString()));
    images.forEach(p -> args.add(p.toString()));

    Run first = run(args.toArray(String[]::new));
    assertThat(first.code()).as(first.err()).isZero();
    Sequential loaded = Sequential.load(model);
    List<String> expected = new ArrayList<>();
    for (Path image : images) {
      double p = loaded.predict(ImageLoader.load(image, 64, 64)).get(0, 0);
      expected.add(String.format(Locale.ROOT, "%s\t%.6f\t%s", image, p, p > 0.5 ? "cat" : "non-cat"));
    }
    assertThat(first.outLines()).isEqualTo(expected);
    assertThat(run(args.toArray(String[]::new)).out()).isEqualTo(first.out());
  }

  @Test
  void predictReportsAnUnreadableImageAndGoesOn() throws IOException {
    Path good = drawPng(dir.resolve("good.png"), 40, 40, BufferedImage.TYPE_INT_RGB);
    Path text = dir.resolve("notes.jpg");
    Files.writeString(text, "not a picture");
    Run r = run("predict", "--model", model.toString(), text.toString(), good.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.errLines()).singleElement().asString()
        .isEqualTo("jdnn-cat: error: " + text + ": not an image ImageIO can read; expected JPEG, PNG, BMP or GIF");
    assertThat(r.outLines()).singleElement().asString().startsWith(good + "\t");
  }

  @Test
  void predictWithoutImagesIsAUsageMistake() {
    Run r = run("predict", "--model", model.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString().contains("IMAGE");
  }

  // ---- the program ----

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"train", "evaluate", "predict", "summary"}) {
      Run r = run(command, "--help");
      assertThat(r.code()).as(command).isZero();
      assertThat(r.out()).as(command).startsWith("Usage: jdnn-cat " + command);
    }
    Run top = run("--help");
    assertThat(top.code()).isZero();
    assertThat(top.out()).contains("train", "evaluate", "predict", "summary");
  }

  @Test
  void noOrUnknownCommandIsAUsageMistake() {
    for (String[] args : List.of(new String[] {}, new String[] {"fly"})) {
      Run r = run(args);
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines()).hasSize(1);
    }
  }

  private static int distinctColours(BufferedImage image) {
    java.util.Set<Integer> colours = new java.util.HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }
}
