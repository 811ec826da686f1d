package io.jdnn.data.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Sequential;
import io.jdnn.data.TestFiles;
import io.jdnn.data.images.CatVsNonCat;
import io.jdnn.layers.Networks;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's lines that serve an exported jdnn model with ONNX Runtime, as they are written there. */
class ReadmeServingTest {
  @TempDir
  Path dir;

  @Test
  void theReadmesServingLinesGiveJdnnsProbabilities() throws OrtException {
    CatVsNonCat cats = CatVsNonCat.load(TestFiles.catvnoncat());
    Sequential model = Networks.reluSigmoid(12288, 7, 1).initialize(Initializer.LECUN, new NumpyRandom(3));
    Path file = dir.resolve("cat.onnx");
    OnnxFile.save(model, file);
    Matrix x = cats.test().x().columns(0, 5);
    float[][] pixels = new float[x.cols()][x.rows()];
    for (int j = 0; j < x.cols(); j++) {
      for (int i = 0; i < x.rows(); i++) {
        pixels[j][i] = (float) x.get(i, j);
      }
    }
    float[][] served;
    // From the README (with the file's path in place of "cat.onnx"):
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(file.toString());
        OnnxTensor images = OnnxTensor.createTensor(env, pixels);       // float[m][12288], RGB values / 255
        OrtSession.Result result = session.run(Map.of("input", images))) {
      float[][] probabilities = (float[][]) result.get(0).getValue();  // [m][1]: probability of cat
      served = probabilities;
    }
    Matrix expected = model.predict(x);
    assertThat(served).hasNumberOfRows(5);
    for (int j = 0; j < 5; j++) {
      assertThat((double) served[j][0]).as("image " + j)
          .isCloseTo(expected.get(0, j), org.assertj.core.data.Percentage.withPercentage(1e-3));
    }
  }
}
