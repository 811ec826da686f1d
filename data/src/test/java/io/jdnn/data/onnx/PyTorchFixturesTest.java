package io.jdnn.data.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.Trainer;
import io.jdnn.data.model.ModelFile;
import io.jdnn.losses.BinaryCrossEntropy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Models made and exported by PyTorch ({@code src/test/python/make_onnx_fixtures.py}, run once by
 * hand with Debian's python3-torch 1.13): each file is imported and its predictions compared with
 * the outputs PyTorch computed, committed beside it.
 */
class PyTorchFixturesTest {
  @TempDir
  Path dir;

  static Path fixture(String name) {
    try {
      return Path.of(PyTorchFixturesTest.class.getResource("pytorch/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A CSV of numbers, one example per row, as a {@code columns x rows} matrix (examples in columns). */
  static Matrix examples(String name) {
    try {
      List<String> lines = Files.readAllLines(fixture(name));
      int m = lines.size();
      int n = lines.get(0).split(",").length;
      Matrix x = Matrix.zeros(n, m);
      for (int j = 0; j < m; j++) {
        String[] cells = lines.get(j).split(",");
        assertThat(cells).as(name + " row " + (j + 1)).hasSize(n);
        for (int i = 0; i < n; i++) {
          x.set(i, j, Double.parseDouble(cells[i]));
        }
      }
      return x;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "binary_gemm, binary, FLOAT32, 'Dense(in=4, out=8), ReLU(), Dense(in=8, out=1), Sigmoid()', 1e-5",
      "binary_float64, binary, FLOAT64, 'Dense(in=4, out=8), ReLU(), Dense(in=8, out=1), Sigmoid()', 1e-12",
      "softmax_gemm, softmax, FLOAT32, 'Dense(in=4, out=16), Tanh(), Dense(in=16, out=3), Softmax()', 1e-5",
      "softmax_matmul, softmax, FLOAT32, 'Dense(in=4, out=16), Tanh(), Dense(in=16, out=3), Softmax()', 1e-5"})
  void importedPyTorchModelsPredictWhatPyTorchPredicted(String name, String inputs, OnnxPrecision precision,
      String layers, double tolerance) {
    OnnxModel onnx = OnnxFile.read(fixture(name + ".onnx"));
    assertThat(onnx.producer()).isEqualTo("pytorch 1.13.0");
    assertThat(onnx.precision()).isEqualTo(precision);
    assertThat(onnx.model().toString()).isEqualTo("Sequential[" + layers + "]");
    Matrix expected = examples(name + ".expected.csv");
    Matrix actual = onnx.model().predict(examples(inputs + ".inputs.csv"));
    Predictions.requireClose(name, actual, expected, tolerance);
    assertThat(Predictions.classes(actual)).containsExactly(Predictions.classes(expected));
  }

  @Test
  void theGemmAndMatMulExportsOfOneModelImportAsTheSameNetwork() {
    Sequential gemm = OnnxFile.load(fixture("softmax_gemm.onnx"));
    Sequential matMul = OnnxFile.load(fixture("softmax_matmul.onnx"));
    List<Parameter> a = gemm.parameters();
    List<Parameter> b = matMul.parameters();
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).value()).as(a.get(i).toString()).isEqualTo(a.get(i).value());
    }
  }

  @Test
  void anImportedModelTrainsFurtherAndSavesAsAJdnnModelFile() {
    Sequential model = OnnxFile.load(fixture("binary_gemm.onnx"));
    Matrix x = examples("binary.inputs.csv");
    // Labels from a threshold on the first feature, which the fixture's model does not know.
    Matrix y = Matrix.zeros(1, x.cols());
    for (int j = 0; j < x.cols(); j++) {
      y.set(0, j, x.get(0, j) > 0.5 ? 1 : 0);
    }
    double[] costs = new Trainer(model, new BinaryCrossEntropy(), OnnxExportTest.sgd(0.5)).fit(x, y, 50).costs();
    assertThat(costs[costs.length - 1]).as("the cost falls").isLessThan(costs[0]);

    Path saved = dir.resolve("from-pytorch.h5");
    ModelFile.save(model, saved);
    Sequential again = ModelFile.load(saved);
    assertThat(again.predict(x)).isEqualTo(model.predict(x));
  }
}
