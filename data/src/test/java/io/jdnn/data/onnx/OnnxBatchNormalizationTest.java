package io.jdnn.data.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Sequential;
import io.jdnn.layers.BatchNormalization;
import io.jdnn.layers.Networks;
import io.jdnn.layers.Softmax;
import io.jdnn.data.onnx.proto.OnnxProto.ModelProto;
import io.jdnn.data.onnx.proto.OnnxProto.NodeProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network with batch normalization (and bias-free dense layers before it) exported to ONNX and
 * run in ONNX Runtime: the same predictions as jdnn's inference mode, from the running averages.
 */
class OnnxBatchNormalizationTest {
  @TempDir
  Path dir;

  private static Matrix gaussian(int rows, int cols, long seed, double shift) {
    NumpyRandom rng = new NumpyRandom(seed);
    Matrix x = Matrix.zeros(rows, cols);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = shift + rng.nextGaussian();
    }
    return x;
  }

  @Test
  void onnxRuntimeAgreesWithInferenceMode() throws IOException {
    Sequential model = Networks.reluSigmoidWithBatchNorm(1.0, 0, 6, 5, 4, 1)
        .initialize(Initializer.HE, new NumpyRandom(3));
    for (int k : new int[] {1, 4}) {
      BatchNormalization bn = (BatchNormalization) model.layers().get(k);
      for (int i = 0; i < bn.features(); i++) {
        bn.gamma().value().data()[i] = 0.5 + 0.3 * i;
        bn.beta().value().data()[i] = 0.1 - 0.05 * i;
      }
    }
    // Training passes move the running averages well away from 0 and 1.
    for (int t = 0; t < 20; t++) {
      model.forward(gaussian(6, 16, t, 3.0));
    }
    assertThat(((BatchNormalization) model.layers().get(1)).runningMean().get(0, 0)).isNotCloseTo(0.0, within(0.1));
    Matrix x = gaussian(6, 30, 99, 3.0);
    Matrix jdnn = model.predict(x);

    Path f32 = dir.resolve("bn.onnx");
    OnnxFile.save(model, f32);
    Predictions.requireClose("float32", OnnxRuntimeRunner.predict(f32, x), jdnn, 1e-5);
    Path f64 = dir.resolve("bn-64.onnx");
    OnnxFile.save(model, f64, OnnxExportOptions.DEFAULT.withPrecision(OnnxPrecision.FLOAT64));
    // epsilon is a float32 attribute even in a float64 graph: a relative difference near 1e-12.
    Predictions.requireClose("float64", OnnxRuntimeRunner.predict(f64, x), jdnn, 1e-10);
    ModelProto onnx = ModelProto.parseFrom(Files.readAllBytes(f32));
    assertThat(onnx.getGraph().getNodeList()).extracting(NodeProto::getOpType).containsExactly("Gemm", "BatchNormalization", "Relu", "Gemm", "BatchNormalization", "Relu",
        "Gemm", "Sigmoid");
  }

  @Test
  void aSoftmaxNetworkWithBatchNormalizationToo() {
    Sequential model = Sequential.of(new io.jdnn.layers.Dense(4, 6, false), new BatchNormalization(6),
        new io.jdnn.layers.Tanh(), new io.jdnn.layers.Dense(6, 3), new Softmax());
    model.initialize(Initializer.LECUN, new NumpyRandom(5));
    for (int t = 0; t < 10; t++) {
      model.forward(gaussian(4, 12, 50 + t, -2.0));
    }
    Matrix x = gaussian(4, 25, 7, -2.0);
    Path f32 = dir.resolve("softmax-bn.onnx");
    OnnxFile.save(model, f32);
    Predictions.requireClose("float32", OnnxRuntimeRunner.predict(f32, x), model.predict(x), 1e-5);
  }
}
