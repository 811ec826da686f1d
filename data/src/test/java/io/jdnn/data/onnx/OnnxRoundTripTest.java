package io.jdnn.data.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.layers.Dense;
import io.jdnn.layers.Dropout;
import io.jdnn.layers.LeakyReLU;
import io.jdnn.layers.ReLU;
import io.jdnn.layers.Sigmoid;
import io.jdnn.layers.Softmax;
import io.jdnn.layers.Tanh;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jdnn -> ONNX -> jdnn: float64 gives back the same numbers bit for bit, float32 the rounded ones. */
class OnnxRoundTripTest {
  @TempDir
  Path dir;

  private static Sequential model() {
    return Sequential.of(new Dense(7, 6), new LeakyReLU(0.01), new Dropout(0.9, 5), new Dense(6, 5), new Tanh(),
        new Dense(5, 4), new ReLU(), new Dense(4, 3), new Softmax()).initialize(Initializer.HE, new NumpyRandom(21));
  }

  @Test
  void float64GivesBackTheSameParametersAndPredictionsBitForBit() {
    Sequential original = model();
    Path file = dir.resolve("model.onnx");
    OnnxFile.save(original, file, OnnxExportOptions.DEFAULT.withPrecision(OnnxPrecision.FLOAT64));
    Sequential again = OnnxFile.load(file);
    assertThat(again.toString()).as("the same layers less Dropout, the slope 0.01 kept exactly").isEqualTo(
        "Sequential[Dense(in=7, out=6), LeakyReLU(alpha=0.01), Dense(in=6, out=5), Tanh(), Dense(in=5, out=4),"
            + " ReLU(), Dense(in=4, out=3), Softmax()]");
    List<Parameter> a = original.parameters();
    List<Parameter> b = again.parameters();
    assertThat(b).hasSameSizeAs(a);
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).value()).as(a.get(i).toString()).isEqualTo(a.get(i).value());
    }
    Matrix x = OnnxExportTest.randomInput(7, 30, 22);
    assertThat(again.predict(x)).isEqualTo(original.predict(x));
  }

  @Test
  void float32GivesBackEachParameterRoundedToTheNearestFloat() {
    Sequential original = model();
    Path file = dir.resolve("model.onnx");
    OnnxFile.save(original, file);
    Sequential again = OnnxFile.load(file);
    List<Parameter> a = original.parameters();
    List<Parameter> b = again.parameters();
    for (int i = 0; i < a.size(); i++) {
      double[] expected = a.get(i).value().data().clone();
      for (int k = 0; k < expected.length; k++) {
        expected[k] = (float) expected[k];
      }
      assertThat(b.get(i).value().data()).as(a.get(i).toString()).containsExactly(expected);
    }
    Matrix x = OnnxExportTest.randomInput(7, 30, 23);
    Predictions.requireClose("float32 round trip", again.predict(x), original.predict(x), 1e-5);
  }

  @Test
  void exportingAnImportedModelAgainWritesTheSameBytes() throws IOException {
    Sequential original = Sequential.of(new Dense(3, 2), new Sigmoid()).initialize(Initializer.LECUN,
        new NumpyRandom(24));
    Path first = dir.resolve("first.onnx");
    Path second = dir.resolve("second.onnx");
    OnnxFile.save(original, first);
    OnnxFile.save(OnnxFile.load(first), second);
    assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
  }
}
