package io.jdnn.examples.cat;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.metrics.ClassificationReport;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.data.images.CatVsNonCat;
import io.jdnn.data.images.ImageLoader;
import io.jdnn.data.model.ModelFile;
import io.jdnn.examples.ProjectData;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
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
  private static final Path DATA = ProjectData.catvnoncat();
  private static final String[] TRAIN = {"train", "--data", DATA.toString(), "--layers", "12288,3,1", "--init", "small",
      "--iterations", "30", "--print-every", "10"};

  @TempDir
  static Path dir;
  static Path model;
  static Path report;
  static CliRun training;

  static CliRun run(String... args) {
    return CliRun.of(args);
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
    assertThat(training.exitCode()).as(training.err()).isZero();
    List<String> lines = training.out().lines().toList();
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
    CliRun plain = run(TRAIN);
    assertThat(plain.exitCode()).isZero();
    assertThat(plain.out()).isEqualTo(training.out());
  }

  @Test
  void theSavedModelScoresWhatTrainingPrinted() {
    CliRun evaluate = run("evaluate", "--model", model.toString(), "--data", DATA.toString());
    assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
    // Bit-identical predictions after save and load give the very same accuracy strings.
    assertThat(evaluate.out().lines().toList().subList(0, 2)).isEqualTo(training.out().lines().toList().subList(4, 6));
    assertThat(evaluate.out()).contains("precision", "recall", "f1-score", "support", "Confusion matrix");
    assertThat(evaluate.out()).containsPattern("non-cat\\s+\\d+\\s+\\d+\\R\\s*cat\\s+\\d+\\s+\\d+");
  }

  @Test
  void reportHasTheCostPlotTheMislabeledGridAndTheMetrics() throws IOException {
    BufferedImage cost = ImageIO.read(report.resolve("cost.png").toFile());
    assertThat(cost).as("cost.png is a readable PNG").isNotNull();
    assertThat(cost.getWidth()).isEqualTo(CostPlot.WIDTH);
    assertThat(cost.getHeight()).isEqualTo(CostPlot.HEIGHT);
    assertThat(distinctColours(cost)).as("a plot, not a blank canvas").isGreaterThan(2);

    CatVsNonCat cats = CatVsNonCat.load(DATA);
    ClassificationReport test = ClassificationReport.of(ModelFile.load(model).predict(cats.test().x()),
        cats.test().y());
    int wrong = (int) (test.confusion().count(0, 1) + test.confusion().count(1, 0));
    BufferedImage grid = ImageIO.read(report.resolve("mislabeled.png").toFile());
    assertThat(grid).as("mislabeled.png is a readable PNG").isNotNull();
    assertThat(grid.getWidth()).isEqualTo(MislabeledGrid.width(wrong, 64));
    assertThat(grid.getHeight()).isEqualTo(MislabeledGrid.height(wrong, 64));

    List<String> costs = Files.readAllLines(report.resolve("costs.csv"));
    assertThat(costs).hasSize(31);
    assertThat(costs.get(0)).isEqualTo("iteration,cost");
    String printed = training.out().lines().findFirst().orElseThrow();
    assertThat(costs.get(1)).isEqualTo("0," + printed.substring("Cost after iteration 0: ".length()));

    String metrics = Files.readString(report.resolve("metrics.txt"));
    assertThat(metrics).contains("test accuracy: " + test.accuracy(), "learning rate: 0.0075", "30 iterations");
    // first and final cost are the first and last printed lines
    List<String> lines = training.out().lines().toList();
    assertThat(metrics).contains("first cost: " + lines.get(0).substring("Cost after iteration 0: ".length())
        + " (iteration 0, as printed)");
    assertThat(metrics).contains("final cost: " + lines.get(3).substring("Cost after iteration 29: ".length())
        + " (iteration 29, as printed)");
  }

  @Test
  void trainUsageMistakesExitWith2AndOneLine() {
    for (String[] args : List.of(concat(TRAIN, "--iterations", "0"), concat(TRAIN, "--save", dir.toString()),
        new String[] {"train", "--no-such-option"})) {
      CliRun r = run(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err().lines().toList()).hasSize(1);
      assertThat(r.out()).isEmpty();
    }
  }

  // ---- evaluate, summary ----

  @Test
  void modelFileMistakes() throws IOException {
    Path text = dir.resolve("not-a-model.h5");
    Files.writeString(text, "hello");
    for (String command : new String[] {"evaluate", "summary", "predict"}) {
      String[] image = command.equals("predict") ? new String[] {"x.png"} : new String[0];
      CliRun missing = run(concat(new String[] {command, "--model", dir.resolve("missing.h5").toString()}, image));
      assertThat(missing.exitCode()).as(command).isEqualTo(1);
      assertThat(missing.err().lines().toList()).singleElement().asString().contains("missing.h5: no such model file");

      CliRun bad = run(concat(new String[] {command, "--model", text.toString()}, image));
      assertThat(bad.exitCode()).as(command).isEqualTo(1);
      assertThat(bad.err().lines().toList()).singleElement().asString().contains("not-a-model.h5: not a readable HDF5 file");

      CliRun noModel = run(concat(new String[] {command}, image));
      assertThat(noModel.exitCode()).as(command).isEqualTo(2);
      assertThat(noModel.err().lines().toList()).singleElement().asString().contains("--model");
    }
  }

  @Test
  void verboseAddsTheStackTrace() {
    CliRun r = run("summary", "--verbose", "--model", dir.resolve("missing.h5").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("no such model file").contains("\tat io.jdnn.data.model.ModelFile");
  }

  @Test
  void quietAndVerboseTogetherIsAUsageMistake() {
    CliRun r = run("--quiet", "summary", "--verbose", "--model", model.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines().toList()).singleElement().asString().contains("--quiet and --verbose");
  }

  @Test
  void summaryShowsTheLayersAndParameterCounts() {
    CliRun r = run("summary", "--model", model.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    int total = 3 * 12288 + 3 + 1 * 3 + 1;
    assertThat(r.out()).contains("Dense(in=12288, out=3)", "ReLU()", "Dense(in=3, out=1)", "Sigmoid()",
        "W1 3x12288, b1 3x1", "W2 1x3, b2 1x1", String.format(Locale.ROOT, "Total parameters: %,d", total));
  }

  /** A file with only W1, b1, W2, b2, as h5py writes the course's parameters, with --layers. */
  @Test
  void courseLayoutFileNeedsLayersAndThenWorksLikeTheModel() throws IOException {
    Path weights = dir.resolve("course-params.h5");
    Sequential saved = ModelFile.load(model);
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
    CliRun without = run("summary", "--model", weights.toString());
    assertThat(without.exitCode()).isEqualTo(1);
    assertThat(without.err().lines().toList()).singleElement().asString().contains("not a jdnn model file").contains("--layers");

    CliRun with = run("summary", "--model", weights.toString(), "--layers", "12288,3,1");
    assertThat(with.exitCode()).as(with.err()).isZero();
    assertThat(with.out()).contains("W1 3x12288");

    Path image = drawPng(dir.resolve("for-both.png"), 70, 90, BufferedImage.TYPE_INT_RGB);
    CliRun fromModel = run("predict", "--model", model.toString(), image.toString());
    CliRun fromWeights = run("predict", "--model", weights.toString(), "--layers", "12288,3,1", image.toString());
    assertThat(fromWeights.exitCode()).isZero();
    assertThat(fromWeights.out()).isEqualTo(fromModel.out());

    CliRun wrongLayers = run("summary", "--model", weights.toString(), "--layers", "12288,4,1");
    assertThat(wrongLayers.exitCode()).isEqualTo(1);
    assertThat(wrongLayers.err().lines().toList()).singleElement().asString().contains("dataset 'W1' has shape 3x12288, expected 4x12288");
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

    CliRun first = run(args.toArray(String[]::new));
    assertThat(first.exitCode()).as(first.err()).isZero();
    Sequential loaded = ModelFile.load(model);
    List<String> expected = new ArrayList<>();
    for (Path image : images) {
      double p = loaded.predict(ImageLoader.load(image, 64, 64)).get(0, 0);
      expected.add(String.format(Locale.ROOT, "%s\t%.6f\t%s", image, p, p > 0.5 ? "cat" : "non-cat"));
    }
    assertThat(first.out().lines().toList()).isEqualTo(expected);
    assertThat(run(args.toArray(String[]::new)).out()).isEqualTo(first.out());
  }

  @Test
  void predictReportsAnUnreadableImageAndGoesOn() throws IOException {
    Path good = drawPng(dir.resolve("good.png"), 40, 40, BufferedImage.TYPE_INT_RGB);
    Path text = dir.resolve("notes.jpg");
    Files.writeString(text, "not a picture");
    CliRun r = run("predict", "--model", model.toString(), text.toString(), good.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().lines().toList()).singleElement().asString()
        .isEqualTo("jdnn-cat: error: " + text + ": not an image ImageIO can read; expected JPEG, PNG, BMP, GIF or TIFF");
    assertThat(r.out().lines().toList()).singleElement().asString().startsWith(good + "\t");
  }

  @Test
  void predictWithoutImagesIsAUsageMistake() {
    CliRun r = run("predict", "--model", model.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines().toList()).singleElement().asString().contains("IMAGE");
  }

  // ---- the program ----

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"train", "evaluate", "predict", "summary", "export", "import"}) {
      CliRun r = run(command, "--help");
      assertThat(r.exitCode()).as(command).isZero();
      assertThat(r.out()).as(command).startsWith("Usage: jdnn-cat " + command);
    }
    CliRun top = run("--help");
    assertThat(top.exitCode()).isZero();
    assertThat(top.out()).contains("train", "evaluate", "predict", "summary", "export", "import");
  }

  @Test
  void noOrUnknownCommandIsAUsageMistake() {
    for (String[] args : List.of(new String[] {}, new String[] {"fly"})) {
      CliRun r = run(args);
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.err().lines().toList()).hasSize(1);
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
