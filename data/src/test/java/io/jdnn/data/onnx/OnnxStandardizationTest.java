package io.jdnn.data.onnx;

import static io.jdnn.data.onnx.OnnxGraphs.floats;
import static io.jdnn.data.onnx.OnnxGraphs.intAttr;
import static io.jdnn.data.onnx.OnnxGraphs.node;
import static io.jdnn.data.onnx.OnnxGraphs.value;
import static io.jdnn.data.onnx.OnnxGraphs.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Layer;
import io.jdnn.core.nn.LayerSpec;
import io.jdnn.core.nn.LayerTypes;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.data.model.ModelFormatException;
import io.jdnn.data.onnx.proto.OnnxProto.GraphProto;
import io.jdnn.data.onnx.proto.OnnxProto.NodeProto;
import io.jdnn.layers.Dense;
import io.jdnn.layers.Softmax;
import io.jdnn.layers.Tanh;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standardization layer (type name {@code Standardization}, buffers {@code mean} and {@code std},
 * {@code (x - mean) / std}) travels as {@code Div(Sub(input, mean), std)} in front of the network,
 * and such a pair comes back as one. The layer is reached through the registry only: the layers
 * module's own when it has one, else the small stand-in below, registered under the same name.
 */
class OnnxStandardizationTest {
  @TempDir
  Path dir;

  /** {@code (x - mean) / std} per feature, registered only where the layers module has no Standardization. */
  static final class StandIn implements Layer {
    final int features;
    final Parameter mean;
    final Parameter std;

    StandIn(int features) {
      this.features = features;
      this.mean = new Parameter("mean", Matrix.zeros(features, 1), false);
      Matrix ones = Matrix.zeros(features, 1);
      ones.fill(1);
      this.std = new Parameter("std", ones, false);
    }

    @Override
    public int outputSize(int inputSize) {
      if (inputSize != ANY_SIZE && inputSize != features) {
        throw new IllegalArgumentException("takes " + features + " features, got " + inputSize);
      }
      return features;
    }

    @Override
    public Matrix forward(Matrix x) {
      return predict(x);
    }

    @Override
    public Matrix backward(Matrix outputGradient, boolean inputGradientNeeded) {
      throw new UnsupportedOperationException("not trained in these tests");
    }

    @Override
    public Matrix predict(Matrix x) {
      Matrix z = Matrix.zeros(features, x.cols());
      for (int i = 0; i < features; i++) {
        for (int j = 0; j < x.cols(); j++) {
          z.set(i, j, (x.get(i, j) - mean.value().get(i, 0)) / std.value().get(i, 0));
        }
      }
      return z;
    }

    @Override
    public List<Parameter> buffers() {
      return List.of(mean, std);
    }

    @Override
    public String toString() {
      return "Standardization(features=" + features + ")";
    }
  }

  /** A Standardization layer from the registry with these statistics. */
  static Layer standardization(double[] mean, double[] std) {
    if (!LayerTypes.names().contains("Standardization")) {
      LayerTypes.register("Standardization", StandIn.class, l -> Map.of("features", l.features),
          s -> new StandIn(s.integer("features")));
    }
    Layer layer = LayerTypes.create(new LayerSpec("Standardization", Map.of("features", mean.length)));
    for (Parameter p : layer.buffers()) {
      System.arraycopy(p.name().equals("mean") ? mean : std, 0, p.value().data(), 0, mean.length);
    }
    return layer;
  }

  /** A table whose columns are on very different scales, as a standardization is for. */
  private static Matrix table(int m, long seed) {
    Matrix x = OnnxExportTest.randomInput(4, m, seed);
    double[] scale = {1e3, 0.01, 50, 1};
    double[] offset = {5e3, -2, 170, 0};
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < m; j++) {
        x.set(i, j, offset[i] + scale[i] * x.get(i, j));
      }
    }
    return x;
  }

  private static Sequential model() {
    Layer standardize = standardization(new double[] {4990.5, -2.003, 171.25, 0.1}, new double[] {1010, 0.0098, 49.5,
        1.02});
    return Sequential.of(standardize, new Dense(4, 6), new Tanh(), new Dense(6, 3), new Softmax())
        .initialize(Initializer.LECUN, new NumpyRandom(32));
  }

  @Test
  void onnxRuntimeAgreesWithJdnnOnAStandardizedModel() {
    Sequential model = model();
    Matrix x = table(50, 33);
    Matrix jdnn = model.predict(x);
    Path f32 = dir.resolve("std.onnx");
    OnnxFile.save(model, f32);
    Predictions.requireClose("standardized float32", OnnxRuntimeRunner.predict(f32, x), jdnn, 1e-5);
    Path f64 = dir.resolve("std64.onnx");
    OnnxFile.save(model, f64, OnnxExportOptions.DEFAULT.withPrecision(OnnxPrecision.FLOAT64));
    Predictions.requireClose("standardized float64", OnnxRuntimeRunner.predict(f64, x), jdnn, 1e-12);
  }

  @Test
  void float64RoundTripGivesBackTheStatisticsAndPredictionsBitForBit() {
    Sequential original = model();
    Path file = dir.resolve("std64.onnx");
    OnnxFile.save(original, file, OnnxExportOptions.DEFAULT.withPrecision(OnnxPrecision.FLOAT64));
    Sequential again = OnnxFile.load(file);
    assertThat(again.toString()).isEqualTo(original.toString());
    List<Parameter> a = original.layers().get(0).buffers();
    List<Parameter> b = again.layers().get(0).buffers();
    assertThat(b).hasSize(2);
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).value()).as(a.get(i).toString()).isEqualTo(a.get(i).value());
    }
    Matrix x = table(30, 34);
    assertThat(again.predict(x)).isEqualTo(original.predict(x));
  }

  @Test
  void aSubDivPairInFrontImportsAsAStandardization() {
    GraphProto graph = GraphProto.newBuilder().setName("scaled")
        .addInput(value("x", -1, 3)).addOutput(value("y", -1, 1))
        .addInitializer(floats("mean", new long[] {3}, 100, -2, 0.5))
        .addInitializer(floats("std", new long[] {1, 3}, 20, 0.25, 4))
        .addInitializer(floats("W", new long[] {1, 3}, values(3, 40)))
        .addInitializer(floats("b", new long[] {1}, 0.1))
        .addNode(node("Sub", List.of("x", "mean"), "centred"))
        .addNode(node("Div", List.of("centred", "std"), "scaled"))
        .addNode(node("Gemm", List.of("scaled", "W", "b"), "g", intAttr("transB", 1)))
        .addNode(node("Sigmoid", List.of("g"), "y"))
        .build();
    Path file = OnnxGraphs.write(dir, "scaled.onnx", OnnxGraphs.model(13, graph));
    standardization(new double[] {0}, new double[] {1}); // registers the stand-in where needed
    Sequential imported = OnnxFile.load(file);
    assertThat(imported.layers().get(0).toString()).isEqualTo("Standardization(features=3)");
    Matrix input = Matrix.ofRows(new double[] {120, -2.5, 1}, new double[] {80, -1, 9}, new double[] {100, -2, 0.5});
    Predictions.requireClose("Sub/Div", imported.predict(input.transpose()),
        OnnxRuntimeRunner.run(file, input).transpose(), 1e-5);
  }

  @Test
  void aDivisionByZeroIsRefusedNamingTheNodeAndFeature() {
    GraphProto graph = GraphProto.newBuilder().setName("zero")
        .addInput(value("x", -1, 2)).addOutput(value("y", -1, 2))
        .addInitializer(floats("mean", new long[] {2}, 1, 2))
        .addInitializer(floats("std", new long[] {2}, 3, 0))
        .addNode(node("Sub", List.of("x", "mean"), "c"))
        .addNode(NodeProto.newBuilder(node("Div", List.of("c", "std"), "y")).setName("scale").build())
        .build();
    Path file = OnnxGraphs.write(dir, "zero.onnx", OnnxGraphs.model(13, graph));
    standardization(new double[] {0}, new double[] {1});
    assertThatThrownBy(() -> OnnxFile.load(file)).isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("node 2 'scale' (Div) divides feature 1 by 0.0");
  }
}
