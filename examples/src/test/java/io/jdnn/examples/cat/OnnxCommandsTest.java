package io.jdnn.examples.cat;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.examples.ProjectData;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export} and {@code import}, and {@code evaluate}, {@code predict} and {@code summary} given
 * an ONNX file, on one short training's model: a float64 export gives exactly the jdnn model's
 * output, a float32 one the same to float precision.
 */
class OnnxCommandsTest {
  private static final Path DATA = ProjectData.catvnoncat();

  @TempDir
  static Path dir;
  static Path model;

  @BeforeAll
  static void trainOnce() {
    model = dir.resolve("cat.h5");
    CliRun training = CliRun.of("train", "--data", DATA.toString(), "--layers", "12288,3,1", "--init", "small",
        "--iterations", "30", "--print-every", "10", "--save", model.toString());
    assertThat(training.exitCode()).as(training.err()).isZero();
  }

  private static Path export(String name, String... more) {
    Path onnx = dir.resolve(name);
    List<String> args = new java.util.ArrayList<>(List.of("export", "--model", model.toString(), "--output",
        onnx.toString()));
    args.addAll(Arrays.asList(more));
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).as("export prints nothing on standard output").isEmpty();
    return onnx;
  }

  @Test
  void evaluateGivesTheSameLinesForTheFloat64ExportAndTheModel() {
    Path onnx = export("cat64.onnx", "--float64");
    CliRun fromModel = CliRun.of("evaluate", "--data", DATA.toString(), "--model", model.toString());
    CliRun fromOnnx = CliRun.of("evaluate", "--data", DATA.toString(), "--model", onnx.toString());
    assertThat(fromOnnx.exitCode()).as(fromOnnx.err()).isZero();
    assertThat(fromOnnx.out()).isEqualTo(fromModel.out()).contains("Test accuracy");
  }

  @Test
  void predictGivesTheModelsProbabilitiesToFloatPrecision() throws IOException {
    Path onnx = export("cat.onnx");
    Path image = dir.resolve("picture.png");
    BufferedImage picture = new BufferedImage(80, 60, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = picture.createGraphics();
    g.setColor(new Color(200, 120, 40));
    g.fillRect(0, 0, 80, 60);
    g.setColor(Color.DARK_GRAY);
    g.fillOval(20, 10, 40, 40);
    g.dispose();
    assertThat(ImageIO.write(picture, "png", image.toFile())).isTrue();
    CliRun fromModel = CliRun.of("predict", "--model", model.toString(), image.toString());
    CliRun fromOnnx = CliRun.of("predict", "--model", onnx.toString(), image.toString());
    assertThat(fromOnnx.exitCode()).as(fromOnnx.err()).isZero();
    double expected = Double.parseDouble(fromModel.out().strip().split("\t")[1]);
    double actual = Double.parseDouble(fromOnnx.out().strip().split("\t")[1]);
    assertThat(actual).isCloseTo(expected, org.assertj.core.data.Offset.offset(2e-6));
  }

  @Test
  void summaryOfAnOnnxFileSaysWhatItIsAndShowsTheSameLayers() {
    Path onnx = export("named.onnx", "--name", "whiskers");
    CliRun fromModel = CliRun.of("summary", "--model", model.toString());
    CliRun fromOnnx = CliRun.of("summary", "--model", onnx.toString());
    assertThat(fromOnnx.exitCode()).as(fromOnnx.err()).isZero();
    List<String> lines = fromOnnx.out().lines().toList();
    assertThat(lines.get(0)).matches(java.util.regex.Pattern.quote("Model file: " + onnx + " (ONNX opset 13, float32,"
        + " from jdnn ") + "[0-9][^ ,]*" + java.util.regex.Pattern.quote(", model \"whiskers\", classes non-cat, cat)"));
    assertThat(lines.subList(1, lines.size())).isEqualTo(fromModel.out().lines().skip(1).toList());
  }

  @Test
  void importWritesAJdnnModelFileThatEvaluatesLikeTheOriginal() {
    Path onnx = export("round.onnx", "--float64");
    Path back = dir.resolve("back.h5");
    CliRun r = CliRun.of("import", "--model", onnx.toString(), "--output", back.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    CliRun original = CliRun.of("evaluate", "--data", DATA.toString(), "--model", model.toString());
    CliRun again = CliRun.of("evaluate", "--data", DATA.toString(), "--model", back.toString());
    assertThat(again.out()).isEqualTo(original.out());
  }

  @Test
  void aDamagedOnnxFileIsOneLineAndExitCode1() throws IOException {
    byte[] whole = Files.readAllBytes(export("whole.onnx"));
    Path cut = Files.write(dir.resolve("cut.onnx"), Arrays.copyOf(whole, whole.length / 2));
    for (String command : new String[] {"evaluate", "summary", "import"}) {
      String[] args = command.equals("import")
          ? new String[] {command, "--model", cut.toString(), "--output", dir.resolve("x.h5").toString()}
          : new String[] {command, "--data", DATA.toString(), "--model", cut.toString()};
      if (command.equals("summary")) {
        args = new String[] {command, "--model", cut.toString()};
      }
      CliRun r = CliRun.of(args);
      assertThat(r.exitCode()).as(command).isEqualTo(1);
      assertThat(r.out()).as(command).isEmpty();
      assertThat(r.err().lines().toList()).as(command).singleElement().asString()
          .startsWith("jdnn-cat: error: " + cut + ": ").contains("truncated or corrupt").doesNotContain("\tat ");
    }
  }

  @Test
  void usageMistakesExitWith2() {
    Path onnx = export("for-usage.onnx");
    for (String[] args : List.of(
        new String[] {"export", "--model", model.toString(), "--output", dir.resolve("wrong.h5").toString()},
        new String[] {"import", "--model", model.toString(), "--output", dir.resolve("x.h5").toString()},
        new String[] {"import", "--model", onnx.toString(), "--output", dir.resolve("x.onnx").toString()},
        new String[] {"summary", "--model", onnx.toString(), "--layers", "12288,3,1"})) {
      CliRun r = CliRun.of(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err().lines().toList()).as(String.join(" ", args)).hasSize(1);
    }
  }
}
