package io.jdnn.data.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Layer;
import io.jdnn.core.nn.LayerTypes;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.Optimizer;
import io.jdnn.core.training.Trainer;
import io.jdnn.data.TestFiles;
import io.jdnn.data.images.CatVsNonCat;
import io.jdnn.data.onnx.proto.OnnxProto.ModelProto;
import io.jdnn.data.onnx.proto.OnnxProto.NodeProto;
import io.jdnn.data.onnx.proto.OnnxProto.StringStringEntryProto;
import io.jdnn.data.onnx.proto.OnnxProto.TensorShapeProto;
import io.jdnn.layers.Dense;
import io.jdnn.layers.Dropout;
import io.jdnn.layers.LeakyReLU;
import io.jdnn.layers.Networks;
import io.jdnn.layers.ReLU;
import io.jdnn.layers.Sigmoid;
import io.jdnn.layers.Softmax;
import io.jdnn.layers.Tanh;
import io.jdnn.losses.BinaryCrossEntropy;
import io.jdnn.losses.CategoricalCrossEntropy;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every exported model run in ONNX Runtime (the outside oracle) and compared with jdnn's own
 * predictions: float32 within 1e-5 relative and float64 within 1e-12, with the same predicted class
 * for every example, on the course's 50 test images and on 2,000 real digits; and the graph's
 * names, shapes, opset and metadata as the export promises them.
 */
class OnnxExportTest {
  @TempDir
  Path dir;

  /** Plain gradient descent, so that this module's tests need no optimizer module. */
  static Optimizer sgd(double rate) {
    return parameters -> {
      for (Parameter p : parameters) {
        double[] v = p.value().data();
        double[] g = p.gradient().data();
        for (int i = 0; i < v.length; i++) {
          v[i] -= rate * g[i];
        }
      }
    };
  }

  /** Exports {@code model} both ways and checks ONNX Runtime against jdnn on {@code x}. */
  private void requireRuntimeAgrees(String name, Sequential model, Matrix x) {
    requireRuntimeAgrees(name, model, x, 1e-12);
  }

  private void requireRuntimeAgrees(String name, Sequential model, Matrix x, double float64Tolerance) {
    Matrix jdnn = model.predict(x);
    Path f32 = dir.resolve(name + ".onnx");
    OnnxFile.save(model, f32);
    Matrix runtime32 = OnnxRuntimeRunner.predict(f32, x);
    Predictions.requireClose(name + " float32", runtime32, jdnn, 1e-5);
    assertThat(Predictions.classes(runtime32)).as(name + " float32 classes").containsExactly(Predictions.classes(jdnn));

    Path f64 = dir.resolve(name + "-64.onnx");
    OnnxFile.save(model, f64, OnnxExportOptions.DEFAULT.withPrecision(OnnxPrecision.FLOAT64));
    Matrix runtime64 = OnnxRuntimeRunner.predict(f64, x);
    Predictions.requireClose(name + " float64", runtime64, jdnn, float64Tolerance);
    assertThat(Predictions.classes(runtime64)).as(name + " float64 classes").containsExactly(Predictions.classes(jdnn));
  }

  @Test
  void theCourseCatModelAgreesWithOnnxRuntimeOnTheTestImages() {
    CatVsNonCat cats = CatVsNonCat.load(TestFiles.catvnoncat());
    Sequential model = Networks.reluSigmoid(12288, 7, 1).initialize(Initializer.LECUN, new NumpyRandom(1));
    // Enough training that the probabilities spread away from 0.5.
    new Trainer(model, new BinaryCrossEntropy(), sgd(0.0075)).fit(cats.train().x(), cats.train().y(), 100);
    Matrix p = model.predict(cats.test().x());
    assertThat(Predictions.classes(p)).as("a model that predicts both classes").contains(0, 1);
    requireRuntimeAgrees("cat", model, cats.test().x());
  }

  @Test
  void aDigitsSoftmaxModelAgreesWithOnnxRuntimeOnRealDigits() throws IOException {
    Matrix x = digits(TestFiles.datasets().resolve("digits/t10k-images-idx3-ubyte.gz"), 2000);
    int[] labels = labels(TestFiles.datasets().resolve("digits/t10k-labels-idx1-ubyte.gz"), 2000);
    Matrix y = Matrix.zeros(10, labels.length);
    for (int j = 0; j < labels.length; j++) {
      y.set(labels[j], j, 1);
    }
    Sequential model = Sequential.of(new Dense(784, 32), new ReLU(), new Dense(32, 10), new Softmax());
    model.initialize(Initializer.HE, new NumpyRandom(7));
    new Trainer(model, new CategoricalCrossEntropy(), sgd(0.5)).fit(x, y, 40);
    int[] predicted = Predictions.classes(model.predict(x));
    int right = 0;
    for (int j = 0; j < labels.length; j++) {
      right += predicted[j] == labels[j] ? 1 : 0;
    }
    assertThat(right).as("a model that has learnt something (of 2,000)").isGreaterThan(1000);
    requireRuntimeAgrees("digits", model, x);
  }

  @Test
  void everyExportableLayerAgreesWithOnnxRuntime() {
    Sequential binary = Sequential.of(new Dense(6, 5), new LeakyReLU(0.2), new Dropout(0.8, 3), new Dense(5, 4),
        new Tanh(), new Dense(4, 3), new ReLU(), new Dense(3, 1), new Sigmoid());
    binary.initialize(Initializer.HE, new NumpyRandom(11));
    // ONNX gives LeakyRelu's slope as a float32 attribute even in a float64 graph, so ONNX Runtime
    // uses 0.2f = 0.20000000298...: a relative difference of about 1e-8 where the slope applies.
    requireRuntimeAgrees("binary", binary, randomInput(6, 40, 12), 1e-7);
    Sequential softmax = Sequential.of(new Dense(6, 4), new Tanh(), new Dense(4, 3), new Softmax());
    softmax.initialize(Initializer.LECUN, new NumpyRandom(13));
    requireRuntimeAgrees("softmax", softmax, randomInput(6, 40, 14));
  }

  @Test
  void theGraphHasTheInputOutputOpsetProducerAndMetadataItPromises() throws IOException {
    Sequential model = Sequential.of(new Dense(12, 5), new ReLU(), new Dropout(0.5, 1), new Dense(5, 1),
        new Sigmoid()).initialize(Initializer.LECUN, new NumpyRandom(2));
    Path file = dir.resolve("cat.onnx");
    OnnxFile.save(model, file, OnnxExportOptions.DEFAULT.withName("cat").withClassNames(List.of("non-cat", "cat")));
    ModelProto onnx = ModelProto.parseFrom(Files.readAllBytes(file));
    assertThat(onnx.getOpsetImport(0).getVersion()).isGreaterThanOrEqualTo(13);
    assertThat(onnx.getProducerName()).isEqualTo("jdnn");
    assertThat(onnx.getGraph().getName()).isEqualTo("cat");
    assertThat(onnx.getMetadataPropsList()).extracting(StringStringEntryProto::getKey, StringStringEntryProto::getValue)
        .contains(org.assertj.core.groups.Tuple.tuple("model_name", "cat"),
            org.assertj.core.groups.Tuple.tuple("class_names", "[\"non-cat\",\"cat\"]"));
    assertThat(onnx.getGraph().getInputList()).singleElement().satisfies(input -> {
      assertThat(input.getName()).isEqualTo("input");
      List<TensorShapeProto.Dimension> dims = input.getType().getTensorType().getShape().getDimList();
      assertThat(dims).hasSize(2);
      assertThat(dims.get(0).getDimParam()).as("a symbolic batch size").isEqualTo("batch");
      assertThat(dims.get(1).getDimValue()).isEqualTo(12);
      assertThat(input.getType().getTensorType().getElemType()).as("float32").isEqualTo(1);
    });
    assertThat(onnx.getGraph().getOutput(0).getType().getTensorType().getShape().getDim(1).getDimValue()).isEqualTo(1);
    assertThat(onnx.getGraph().getNodeList()).extracting(NodeProto::getOpType)
        .as("Dropout left out").containsExactly("Gemm", "Relu", "Gemm", "Sigmoid");
    OnnxModel read = OnnxFile.read(file);
    assertThat(read.name()).isEqualTo("cat");
    assertThat(read.classNames()).containsExactly("non-cat", "cat");
    assertThat(read.producer()).as("jdnn and the version the build filled in").matches("jdnn [0-9][^ ]*");
  }

  /** A layer jdnn can save but not export (registered here, as a user's own layer would be). */
  static final class Mystery implements Layer {
    @Override
    public int outputSize(int inputSize) {
      return inputSize;
    }

    @Override
    public Matrix forward(Matrix input) {
      return input;
    }

    @Override
    public Matrix backward(Matrix outputGradient, boolean inputGradientNeeded) {
      return outputGradient;
    }

    @Override
    public Matrix predict(Matrix input) {
      return input.copy();
    }

    @Override
    public String toString() {
      return "Mystery()";
    }
  }

  @Test
  void aLayerWithoutAnOnnxFormIsRefusedByName() {
    LayerTypes.register("Mystery", Mystery.class, Mystery::new);
    Sequential model = Sequential.of(new Dense(3, 2), new Mystery(), new Sigmoid());
    Path file = dir.resolve("mystery.onnx");
    assertThatThrownBy(() -> OnnxFile.save(model, file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("layer 2 Mystery()").hasMessageContaining("'Mystery'")
        .hasMessageContaining("jdnn exports Dense, ReLU");
    assertThat(file).doesNotExist();
  }

  @Test
  void aWeightThatIsNotFiniteIsRefusedWithItsPlace() {
    Dense dense = new Dense(3, 2);
    dense.weights().value().set(1, 2, Double.NaN);
    assertThatThrownBy(() -> OnnxFile.save(Sequential.of(dense, new Sigmoid()), dir.resolve("nan.onnx")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer 1").hasMessageContaining("NaN")
        .hasMessageContaining("position 5 of layer1.W");
  }

  static Matrix randomInput(int rows, int cols, long seed) {
    NumpyRandom rng = new NumpyRandom(seed);
    Matrix x = Matrix.zeros(rows, cols);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = rng.nextGaussian();
    }
    return x;
  }

  /**
   * The first {@code count} images of an MNIST IDX file as {@code 784 x count}, scaled to [0, 1]. Read
   * here in a few lines (magic 0x803, count, 28, 28, then the pixels) so that this test needs no
   * IDX reader.
   */
  static Matrix digits(Path file, int count) throws IOException {
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
      assertThat(in.readInt()).as("IDX images magic").isEqualTo(0x803);
      assertThat(in.readInt()).isGreaterThanOrEqualTo(count);
      assertThat(new int[] {in.readInt(), in.readInt()}).containsExactly(28, 28);
      byte[] pixels = in.readNBytes(784 * count);
      Matrix x = Matrix.zeros(784, count);
      for (int j = 0; j < count; j++) {
        for (int i = 0; i < 784; i++) {
          x.set(i, j, (pixels[j * 784 + i] & 0xFF) / 255.0);
        }
      }
      return x;
    }
  }

  static int[] labels(Path file, int count) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
      assertThat(in.readInt()).as("IDX labels magic").isEqualTo(0x801);
      assertThat(in.readInt()).isGreaterThanOrEqualTo(count);
      byte[] bytes = in.readNBytes(count);
      int[] labels = new int[count];
      for (int i = 0; i < count; i++) {
        labels[i] = bytes[i];
      }
      return labels;
    }
  }
}
