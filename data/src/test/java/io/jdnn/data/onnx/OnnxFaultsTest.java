package io.jdnn.data.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.data.io.FaultCases;
import io.jdnn.data.model.ModelFile;
import io.jdnn.data.model.ModelFormatException;
import io.jdnn.data.onnx.proto.OnnxProto.AttributeProto;
import io.jdnn.data.onnx.proto.OnnxProto.GraphProto;
import io.jdnn.data.onnx.proto.OnnxProto.ModelProto;
import io.jdnn.data.onnx.proto.OnnxProto.NodeProto;
import io.jdnn.data.onnx.proto.OnnxProto.TensorProto;
import io.jdnn.data.onnx.proto.OnnxProto.TensorShapeProto;
import io.jdnn.layers.Dense;
import io.jdnn.layers.ReLU;
import io.jdnn.layers.Sigmoid;
import io.jdnn.layers.Tanh;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged ONNX files, seeded: truncated at many offsets, bits flipped, length fields of 2^31 and
 * more, and well-formed files with unknown operators, initializers whose shapes do not chain,
 * missing inputs and the like. Each read ends in a {@link ModelFormatException} whose message names
 * the file and the problem (checked case by case), within {@link FaultCases#CASE_TIMEOUT_SECONDS}
 * and without an OutOfMemoryError; or, where the damage cannot be seen (ONNX has no checksums, so a
 * flipped bit inside a weight is a different weight), in a network of the same layers and shapes.
 */
class OnnxFaultsTest {
  @TempDir
  static Path tmp;

  private static Sequential model() {
    return Sequential.of(new Dense(12, 5), new ReLU(), new Dense(5, 3), new Tanh(), new Dense(3, 1), new Sigmoid())
        .initialize(Initializer.LECUN, new NumpyRandom(4));
  }

  private static byte[] saved() {
    Path file = tmp.resolve("reference.onnx");
    OnnxFile.save(model(), file, OnnxExportOptions.DEFAULT.withName("faults").withClassNames(List.of("no", "yes")));
    return FaultCases.bytes(file);
  }

  private static ModelProto reference() {
    try {
      return ModelProto.parseFrom(saved());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private static OnnxModel read(String name, Path file) {
    return FaultCases.run(name, file, ModelFormatException.class, () -> OnnxFile.read(file));
  }

  /** A damaged file must not load, and its message must say what is wrong. */
  private static void requireRefused(String name, byte[] content, String... expected) {
    Path file = FaultCases.write(tmp, name.replaceAll("[^A-Za-z0-9.-]+", "_") + ".onnx", content);
    try {
      OnnxFile.read(file);
    } catch (ModelFormatException e) {
      FaultCases.requireWellFormed(name, file, ModelFormatException.class, e);
      assertThat(e.getMessage()).as(name).doesNotContain("\n");
      for (String part : expected) {
        assertThat(e.getMessage()).as(name).contains(part);
      }
      return;
    }
    throw new AssertionError(name + ": loaded, expected a ModelFormatException naming " + Arrays.toString(expected));
  }

  /** A file that loads despite damage must hold the same layers with the same shapes. */
  private static void requireSameShapes(String name, OnnxModel loaded) {
    Sequential original = model();
    assertThat(loaded.model().toString()).as(name).isEqualTo(original.toString());
    List<Parameter> a = original.parameters();
    List<Parameter> b = loaded.model().parameters();
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).value().shape()).as(name + ": " + a.get(i)).isEqualTo(a.get(i).value().shape());
    }
  }

  @TestFactory
  Stream<DynamicTest> truncatedFiles() {
    byte[] whole = saved();
    // The metadata is written last; a cut may take it off and leave a valid file (see below).
    int metadataStart = lengthFields(whole).stream().filter(f -> f.path().equals("metadata_props[0]"))
        .findFirst().orElseThrow().start() - 1;
    List<DynamicTest> tests = new ArrayList<>();
    for (int n = 0; n < whole.length; n += Math.max(1, whole.length / 150)) {
      int length = n;
      String name = "cut to " + length + " of " + whole.length + " bytes";
      tests.add(dynamicTest(name, () -> {
        Path file = FaultCases.write(tmp, "cut-" + length + ".onnx", Arrays.copyOf(whole, length));
        OnnxModel loaded = read(name, file);
        if (loaded != null) {
          // Protobuf has no end marker: a cut between two of the last fields (the metadata, written
          // last) leaves a shorter, valid file. It must still be exactly the saved network.
          requireSameShapes(name, loaded);
          List<Parameter> a = model().parameters();
          for (int i = 0; i < a.size(); i++) {
            assertThat(loaded.model().parameters().get(i).value().data()).as(name)
                .isEqualTo(floats(a.get(i).value().data()));
          }
          assertThat(length).as(name + ": only the metadata may be cut off").isGreaterThanOrEqualTo(metadataStart);
        }
      }));
    }
    return tests.stream();
  }

  private static double[] floats(double[] values) {
    double[] f = new double[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }

  @TestFactory
  Stream<DynamicTest> filesWithFlippedBits() {
    byte[] whole = saved();
    SplittableRandom rng = new SplittableRandom(16);
    List<DynamicTest> tests = new ArrayList<>();
    for (int c = 0; c < 200; c++) {
      int bit = rng.nextInt(whole.length * 8);
      String name = "bit " + bit % 8 + " of byte " + bit / 8 + " flipped";
      tests.add(dynamicTest(name, () -> {
        byte[] damaged = whole.clone();
        damaged[bit / 8] ^= (byte) (1 << (bit % 8));
        OnnxModel loaded = read(name, FaultCases.write(tmp, "flip-" + bit + ".onnx", damaged));
        if (loaded != null) {
          requireSameShapes(name, loaded);
        }
      }));
    }
    return tests.stream();
  }

  /** A length-delimited field: where its length varint starts and ends, and its path. */
  private record LengthField(String path, int start, int end) {}

  /** Every length-delimited field of {@code bytes}, nested ones too, found through the descriptors. */
  private static List<LengthField> lengthFields(byte[] bytes) {
    List<LengthField> fields = new ArrayList<>();
    walk(bytes, 0, bytes.length, ModelProto.getDescriptor(), "", fields);
    return fields;
  }

  private static void walk(byte[] b, int pos, int end, Descriptor type, String path, List<LengthField> out) {
    Map<Integer, Integer> seen = new HashMap<>();
    while (pos < end) {
      long[] tag = varint(b, pos);
      pos = (int) tag[1];
      int number = (int) (tag[0] >>> 3);
      FieldDescriptor field = type.findFieldByNumber(number);
      String name = (path.isEmpty() ? "" : path + ".") + field.getName()
          + (field.isRepeated() ? "[" + (seen.merge(number, 1, Integer::sum) - 1) + "]" : "");
      switch ((int) (tag[0] & 7)) {
        case 0 -> pos = (int) varint(b, pos)[1];
        case 1 -> pos += 8;
        case 5 -> pos += 4;
        case 2 -> {
          long[] length = varint(b, pos);
          out.add(new LengthField(name, pos, (int) length[1]));
          pos = (int) length[1];
          if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            walk(b, pos, pos + (int) length[0], field.getMessageType(), name, out);
          }
          pos += (int) length[0];
        }
        default -> throw new AssertionError("wire type " + (tag[0] & 7));
      }
    }
  }

  private static long[] varint(byte[] b, int pos) {
    long value = 0;
    for (int shift = 0; ; shift += 7) {
      byte x = b[pos++];
      value |= (long) (x & 0x7F) << shift;
      if (x >= 0) {
        return new long[] {value, pos};
      }
    }
  }

  private static byte[] encodeVarint(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
    return out.toByteArray();
  }

  @TestFactory
  Stream<DynamicTest> hugeLengthFields() {
    byte[] whole = saved();
    List<LengthField> fields = lengthFields(whole);
    List<String> chosen = List.of("graph", "producer_name", "graph.node[0]", "graph.node[2].op_type",
        "graph.initializer[0]", "graph.initializer[0].raw_data", "graph.initializer[3].name", "graph.input[0].type",
        "metadata_props[1].value");
    List<DynamicTest> tests = new ArrayList<>();
    for (String path : chosen) {
      LengthField field = fields.stream().filter(f -> f.path().equals(path)).findFirst()
          .orElseThrow(() -> new AssertionError("no field " + path + " in " + fields));
      for (long length : new long[] {1L << 31, (1L << 31) - 1, 1L << 32, Long.MAX_VALUE}) {
        String name = path + " length set to " + length;
        tests.add(dynamicTest(name, () -> {
          ByteArrayOutputStream damaged = new ByteArrayOutputStream();
          damaged.write(whole, 0, field.start());
          damaged.writeBytes(encodeVarint(length));
          damaged.write(whole, field.end(), whole.length - field.end());
          requireRefused(name, damaged.toByteArray(), "the length of " + path, "says " + length + " bytes",
              "truncated or corrupt");
        }));
      }
    }
    // A length whose varint never ends (ten bytes with the continuation bit set).
    LengthField graph = fields.stream().filter(f -> f.path().equals("graph")).findFirst().orElseThrow();
    tests.add(dynamicTest("graph length of eleven varint bytes", () -> {
      byte[] damaged = whole.clone();
      Arrays.fill(damaged, graph.start(), Math.min(damaged.length, graph.start() + 11), (byte) 0xFF);
      requireRefused("graph length of eleven varint bytes", damaged, "runs over 10 bytes");
    }));
    return tests.stream();
  }

  /** One well-formed file with one thing wrong, and what its message must name. */
  private record Damage(String name, UnaryOperator<ModelProto> change, String... expected) {}

  private static ModelProto withGraph(ModelProto m, UnaryOperator<GraphProto.Builder> change) {
    return m.toBuilder().setGraph(change.apply(m.getGraph().toBuilder())).build();
  }

  private static ModelProto withNode(ModelProto m, int index, UnaryOperator<NodeProto.Builder> change) {
    return withGraph(m, g -> g.setNode(index, change.apply(g.getNode(index).toBuilder())));
  }

  private static ModelProto withInitializer(ModelProto m, int index, UnaryOperator<TensorProto.Builder> change) {
    return withGraph(m, g -> g.setInitializer(index, change.apply(g.getInitializer(index).toBuilder())));
  }

  private static ByteString floatBytes(int count, float value) {
    ByteBuffer b = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      b.putFloat(value);
    }
    return ByteString.copyFrom(b.array());
  }

  /** Nests a graph in a node attribute {@code depth} times. */
  private static GraphProto nested(int depth) {
    GraphProto g = GraphProto.newBuilder().setName("leaf").build();
    for (int i = 0; i < depth; i++) {
      g = GraphProto.newBuilder().addNode(NodeProto.newBuilder().setOpType("If").addAttribute(
          AttributeProto.newBuilder().setName("then_branch").setType(AttributeProto.AttributeType.GRAPH).setG(g)))
          .build();
    }
    return g;
  }

  @TestFactory
  Stream<DynamicTest> wellFormedFilesThatAreWrong() {
    // The reference graph: nodes Gemm, Relu, Gemm, Tanh, Gemm, Sigmoid; initializers layer1.W [5,12],
    // layer1.b [5], layer3.W [3,5], layer3.b [3], layer5.W [1,3], layer5.b [1].
    List<Damage> damages = List.of(
        new Damage("unknown operator", m -> withNode(m, 1, n -> n.setOpType("Conv")),
            "node 2 'layer2/Relu' (Conv)", "operator Conv", "jdnn imports Gemm, MatMul + Add, Relu"),
        new Damage("operator of another domain", m -> withNode(m, 0, n -> n.setOpType("FusedGemm")
            .setDomain("com.microsoft")), "node 1", "FusedGemm", "com.microsoft", "jdnn imports Gemm"),
        new Damage("BatchNormalization", m -> withNode(m, 3, n -> n.setOpType("BatchNormalization")),
            "node 4", "operator BatchNormalization", "jdnn imports"),
        new Damage("initializer shapes that do not chain", m -> withInitializer(m, 2,
            t -> t.clearDims().addDims(3).addDims(4).setRawData(floatBytes(12, 0.5f))),
            "node 3 'layer3/Gemm' (Gemm)", "'layer3.W' of shape 3x4", "takes 4 inputs", "gives 5",
            "do not chain"),
        new Damage("bias of the wrong size", m -> withInitializer(m, 3,
            t -> t.clearDims().addDims(4).setRawData(floatBytes(4, 0.5f))),
            "node 3", "C 'layer3.b' of shape [4]", "expected [3]"),
        new Damage("raw data shorter than the shape", m -> withInitializer(m, 0,
            t -> t.setRawData(floatBytes(10, 0.5f))), "'layer1.W'", "holds 40 bytes of raw_data, expected 240"),
        new Damage("a dimension of 2^31", m -> withInitializer(m, 0, t -> t.setDims(0, 1L << 31)),
            "'layer1.W'", "[2147483648, 12]", "not a shape jdnn can hold"),
        new Damage("dimensions whose product overflows", m -> withInitializer(m, 0,
            t -> t.setDims(0, 1L << 20).setDims(1, 1L << 20)), "'layer1.W'", "not a shape jdnn can hold"),
        new Damage("a negative dimension", m -> withInitializer(m, 0, t -> t.setDims(0, -5)), "'layer1.W'",
            "[-5, 12]"),
        new Damage("a NaN weight", m -> withInitializer(m, 4, t -> t.setRawData(floatBytes(3, Float.NaN))),
            "'layer5.W'", "holds NaN at position 0"),
        new Damage("int64 weights", m -> withInitializer(m, 0, t -> t.setDataType(7)), "'layer1.W'",
            "INT64 (7)", "FLOAT or DOUBLE"),
        new Damage("weights in an external file", m -> withInitializer(m, 0,
            t -> t.setDataLocation(TensorProto.DataLocation.EXTERNAL)), "'layer1.W'", "external file"),
        new Damage("a missing weight", m -> withNode(m, 2, n -> n.setInput(1, "nowhere")),
            "node 3 'layer3/Gemm' (Gemm) reads 'nowhere'", "missing input"),
        new Damage("a removed initializer", m -> withGraph(m, g -> g.removeInitializer(4)),
            "node 5", "reads 'layer5.W'", "missing input"),
        new Damage("a node reading a missing tensor", m -> withNode(m, 3, n -> n.setInput(0, "ghost")),
            "node 4 'layer4/Tanh' (Tanh) reads 'ghost'", "missing input"),
        new Damage("no graph input", m -> withGraph(m, GraphProto.Builder::clearInput), "has 0 graph inputs",
            "one input"),
        new Damage("two graph inputs", m -> withGraph(m, g -> g.addInput(g.getInput(0).toBuilder().setName("extra"))),
            "has 2 graph inputs ('input', 'extra')"),
        new Damage("two graph outputs", m -> withGraph(m, g -> g.addOutput(g.getOutput(0).toBuilder()
            .setName("layer2.Relu"))), "has 2 graph outputs"),
        new Damage("an output nothing makes", m -> withGraph(m, g -> g.setOutput(0, g.getOutput(0).toBuilder()
            .setName("elsewhere"))), "output 'elsewhere'", "nothing makes 'elsewhere'"),
        new Damage("a 4-D input", m -> withGraph(m, g -> g.setInput(0, g.getInput(0).toBuilder().setType(
            g.getInput(0).getType().toBuilder().setTensorType(g.getInput(0).getType().getTensorType().toBuilder()
                .setShape(TensorShapeProto.newBuilder()
                    .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                    .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(3))
                    .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(2))
                    .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(2))))))),
            "input 'input' has shape [batch, 3, 2, 2]", "2-D inputs"),
        new Damage("an input of 7 features for weights of 12", m -> withGraph(m, g -> g.setInput(0,
            g.getInput(0).toBuilder().setType(g.getInput(0).getType().toBuilder().setTensorType(
                g.getInput(0).getType().getTensorType().toBuilder().setShape(
                    g.getInput(0).getType().getTensorType().getShape().toBuilder().setDim(1,
                        TensorShapeProto.Dimension.newBuilder().setDimValue(7))))))),
            "declared with 7 features", "takes 12"),
        new Damage("integer input", m -> withGraph(m, g -> g.setInput(0, g.getInput(0).toBuilder().setType(
            g.getInput(0).getType().toBuilder().setTensorType(g.getInput(0).getType().getTensorType().toBuilder()
                .setElemType(6))))), "input 'input' holds INT32 (6) values"),
        new Damage("no opset", m -> m.toBuilder().clearOpsetImport().build(), "imports no version of the default ONNX"),
        new Damage("opset 6", m -> m.toBuilder().setOpsetImport(0, m.getOpsetImport(0).toBuilder().setVersion(6))
            .build(), "opset 6", "opset 7 and later"),
        new Damage("no graph", m -> m.toBuilder().clearGraph().build(), "has no graph"),
        new Damage("no IR version", m -> m.toBuilder().clearIrVersion().build(), "no IR version"),
        new Damage("a Softmax over the batch", m -> withNode(m, 5, n -> n.setOpType("Softmax")
            .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
                .setI(0))), "node 6", "(Softmax)", "as [features, batch], but the tensor it reads is [batch, features]"),
        new Damage("Flatten at axis 0", m -> withNode(m, 1, n -> n.setOpType("Flatten")
            .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
                .setI(0))), "node 2", "(Flatten) flattens at axis 0"),
        new Damage("an Add that is not a MatMul's bias", m -> withNode(m, 1, n -> n.setOpType("Add")
            .addInput("layer1.b")), "node 2", "(Add)", "only as the bias right after a MatMul"),
        new Damage("an unknown attribute", m -> withNode(m, 0, n -> n.addAttribute(AttributeProto.newBuilder()
            .setName("broadcast").setType(AttributeProto.AttributeType.INT).setI(1))), "node 1",
            "attribute 'broadcast'", "alpha, beta, transA, transB"),
        new Damage("an attribute of the wrong type", m -> withNode(m, 0, n -> n.setAttribute(0,
            AttributeProto.newBuilder().setName("transB").setType(AttributeProto.AttributeType.FLOAT).setF(1))),
            "node 1", "'transB' of type FLOAT, expected INT"),
        new Damage("a weight made by a node", m -> withNode(m, 2, n -> n.setInput(1, "layer1.Gemm")),
            "node 3", "'layer1.Gemm'", "constant weights"),
        new Damage("a branch off the chain", m -> withNode(m, 3, n -> n.setInput(0, "layer1.Gemm")),
            "node 4 'layer4/Tanh' (Tanh) reads 'layer1.Gemm'", "not 'layer3.Gemm'", "single chain"),
        new Damage("two initializers of one name", m -> withGraph(m, g -> g.addInitializer(g.getInitializer(0))),
            "two initializers called 'layer1.W'"),
        new Damage("graphs nested 70 deep", m -> withNode(m, 1, n -> n.addAttribute(AttributeProto.newBuilder()
            .setName("deep").setType(AttributeProto.AttributeType.GRAPH).setG(nested(70)))), "nest more than 64"));
    ModelProto reference = reference();
    return damages.stream().map(d -> dynamicTest(d.name(),
        () -> requireRefused(d.name(), d.change().apply(reference).toByteArray(), d.expected())));
  }

  @TestFactory
  Stream<DynamicTest> filesThatAreNotOnnx() {
    Path h5 = tmp.resolve("model.h5");
    ModelFile.save(model(), h5);
    SplittableRandom rng = new SplittableRandom(17);
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(dynamicTest("an empty file", () -> requireRefused("empty", new byte[0], "is empty")));
    tests.add(dynamicTest("a jdnn HDF5 model named .onnx", () -> requireRefused("hdf5", FaultCases.bytes(h5),
        "is an HDF5 file")));
    tests.add(dynamicTest("a text file", () -> requireRefused("text",
        "layers: Dense(12, 5), ReLU\n".getBytes(StandardCharsets.UTF_8), "wire type 4")));
    for (int c = 0; c < 30; c++) {
      byte[] noise = new byte[1 + rng.nextInt(2000)];
      rng.nextBytes(noise);
      String name = "random bytes " + c + " (" + noise.length + ")";
      tests.add(dynamicTest(name, () -> assertThat(read(name, FaultCases.write(tmp, "noise-" + noise.length + ".onnx",
          noise))).as(name).isNull()));
    }
    tests.add(dynamicTest("a missing file", () -> {
      Path missing = tmp.resolve("missing.onnx");
      assertThat(read("missing", missing)).isNull();
    }));
    return tests.stream();
  }
}
