package io.jdnn.data.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.Layer;
import io.jdnn.core.nn.LayerSpec;
import io.jdnn.core.nn.LayerTypes;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.data.onnx.proto.OnnxProto.AttributeProto;
import io.jdnn.data.onnx.proto.OnnxProto.GraphProto;
import io.jdnn.data.onnx.proto.OnnxProto.ModelProto;
import io.jdnn.data.onnx.proto.OnnxProto.NodeProto;
import io.jdnn.data.onnx.proto.OnnxProto.OperatorSetIdProto;
import io.jdnn.data.onnx.proto.OnnxProto.StringStringEntryProto;
import io.jdnn.data.onnx.proto.OnnxProto.TensorProto;
import io.jdnn.data.onnx.proto.OnnxProto.TensorShapeProto;
import io.jdnn.data.onnx.proto.OnnxProto.TypeProto;
import io.jdnn.data.onnx.proto.OnnxProto.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link Sequential} into an ONNX {@link ModelProto}; see {@link OnnxFile#save} for what
 * it writes. Layers are recognised by their registered type name ({@link LayerTypes#describe}),
 * never by class, so this module does not depend on the layers module.
 */
final class OnnxWriter {
  /**
   * The opset of a float32 file: 13 is the first with the one-axis Softmax, and every current
   * runtime reads it.
   */
  static final int OPSET = 13;
  /**
   * The opset of a float64 file: 16 is the first whose LeakyRelu takes doubles (ONNX Runtime has no
   * float64 LeakyRelu before it).
   */
  static final int OPSET_FLOAT64 = 16;
  static final String INPUT = "input";
  static final String OUTPUT = "output";
  static final String PRODUCER = "jdnn";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Sequential model;
  private final OnnxExportOptions options;
  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private final List<NodeProto.Builder> nodes = new ArrayList<>();
  private String current = INPUT;

  private OnnxWriter(Sequential model, OnnxExportOptions options) {
    this.model = model;
    this.options = options;
  }

  /**
   * The ONNX model of {@code model}.
   *
   * @throws IllegalArgumentException when a layer has no ONNX form (the message names the layer
   *     and what can be exported) or holds a value that is not finite
   */
  static ModelProto build(Sequential model, OnnxExportOptions options) {
    return new OnnxWriter(model, options).build();
  }

  private ModelProto build() {
    int features = Layer.ANY_SIZE;
    int size = Layer.ANY_SIZE;
    List<Layer> layers = model.layers();
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      LayerSpec spec = LayerTypes.describe(layer);
      String at = "layer " + (i + 1) + " " + layer;
      if (size == Layer.ANY_SIZE && features == Layer.ANY_SIZE) {
        features = inputSizeOf(spec, layer);
      }
      size = layer.outputSize(size == Layer.ANY_SIZE ? features : size);
      String prefix = "layer" + (i + 1);
      switch (spec.type()) {
        case "Dense" -> dense(at, prefix, layer, spec);
        case "Standardization" -> standardization(at, prefix, layer, spec);
        case "ReLU" -> node("Relu", prefix, List.of(current));
        case "Sigmoid" -> node("Sigmoid", prefix, List.of(current));
        case "Tanh" -> node("Tanh", prefix, List.of(current));
        case "LeakyReLU" -> node("LeakyRelu", prefix, List.of(current))
            .addAttribute(floatAttribute("alpha", spec.number("alpha")));
        // Softmax over the features of each example: axis 1 of [batch, features].
        case "Softmax" -> node("Softmax", prefix, List.of(current)).addAttribute(intAttribute("axis", 1));
        // At inference dropout passes its input on unchanged (jdnn scales during training).
        case "Dropout" -> { }
        case "BatchNormalization" -> batchNormalization(at, prefix, layer, spec);
        default -> throw new IllegalArgumentException(at + " (layer type '" + spec.type() + "') has no ONNX form;"
            + " jdnn exports " + OnnxFile.EXPORTED_LAYERS);
      }
    }
    if (nodes.isEmpty()) {
      node("Identity", "identity", List.of(current));
    }
    nodes.get(nodes.size() - 1).setOutput(0, OUTPUT);
    for (NodeProto.Builder node : nodes) {
      graph.addNode(node);
    }
    graph.setName(options.name())
        .addInput(valueInfo(INPUT, features))
        .addOutput(valueInfo(OUTPUT, size))
        .setDocString("Exported by jdnn from " + model);
    boolean float64 = options.precision() == OnnxPrecision.FLOAT64;
    ModelProto.Builder onnx = ModelProto.newBuilder()
        // The IR versions that came with these opsets: 7 with opset 13 (ONNX 1.8), 8 with 16 (1.11).
        .setIrVersion(float64 ? 8 : 7)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(float64 ? OPSET_FLOAT64 : OPSET))
        .setProducerName(PRODUCER)
        .setProducerVersion(OnnxFile.producerVersion())
        .setDocString("A jdnn Sequential model: rows of 'input' are examples; " + model)
        .setGraph(graph)
        .addMetadataProps(entry(OnnxFile.MODEL_NAME_KEY, options.name()));
    if (!options.classNames().isEmpty()) {
      onnx.addMetadataProps(entry(OnnxFile.CLASS_NAMES_KEY, json(options.classNames())));
    }
    return onnx.build();
  }

  /** The input size a layer fixes, or {@link Layer#ANY_SIZE} for one that keeps any size. */
  private static int inputSizeOf(LayerSpec spec, Layer layer) {
    return switch (spec.type()) {
      case "Dense" -> spec.integer("in");
      case "Standardization" -> spec.integer("features");
      default -> Layer.ANY_SIZE;
    };
  }

  /**
   * Standardization, {@code (x - mean) / std} per feature: {@code Div(Sub(x, mean), std)}, with
   * {@code mean} and {@code std} as vectors that broadcast over the rows of {@code [batch, features]}.
   * The layer divides too (it does not multiply by 1/std), so float64 gives the same numbers.
   */
  private void standardization(String at, String prefix, Layer layer, LayerSpec spec) {
    int features = spec.integer("features");
    Matrix mean = buffer(at, layer, "mean");
    Matrix std = buffer(at, layer, "std");
    if (mean.rows() != features || mean.cols() != 1 || std.rows() != features || std.cols() != 1) {
      throw new IllegalArgumentException(at + " has mean " + mean.shape() + " and std " + std.shape() + ", expected "
          + features + "x1 each");
    }
    String meanName = prefix + ".mean";
    String stdName = prefix + ".std";
    graph.addInitializer(tensor(at, meanName, mean, new long[] {features}));
    graph.addInitializer(tensor(at, stdName, std, new long[] {features}));
    node("Sub", prefix, List.of(current, meanName));
    node("Div", prefix, List.of(current, stdName));
  }

  private static Matrix buffer(String at, Layer layer, String name) {
    for (Parameter p : layer.buffers()) {
      if (p.name().equals(name)) {
        return p.value();
      }
    }
    throw new IllegalArgumentException(at + " has no buffer '" + name + "', only " + layer.buffers());
  }

  /**
   * Dense: {@code Gemm(x, W, b, transB=1)}, since x is {@code [batch, in]} and W is {@code out x in};
   * without a bias (before a batch normalization), {@code Gemm(x, W, transB=1)}, ONNX's optional C
   * left out.
   */
  private void dense(String at, String prefix, Layer layer, LayerSpec spec) {
    Matrix w = parameter(at, layer, "W");
    int in = spec.integer("in");
    int out = spec.integer("out");
    if (Boolean.FALSE.equals(spec.settings().get("bias"))) {
      if (w.rows() != out || w.cols() != in) {
        throw new IllegalArgumentException(at + " has W " + w.shape() + ", expected " + out + "x" + in);
      }
      String wName = prefix + ".W";
      graph.addInitializer(tensor(at, wName, w, new long[] {out, in}));
      node("Gemm", prefix, List.of(current, wName)).addAttribute(intAttribute("transB", 1));
      return;
    }
    Matrix b = parameter(at, layer, "b");
    if (w.rows() != out || w.cols() != in || b.rows() != out || b.cols() != 1) {
      throw new IllegalArgumentException(at + " has W " + w.shape() + " and b " + b.shape() + ", expected " + out + "x"
          + in + " and " + out + "x1");
    }
    String wName = prefix + ".W";
    String bName = prefix + ".b";
    graph.addInitializer(tensor(at, wName, w, new long[] {out, in}));
    graph.addInitializer(tensor(at, bName, b, new long[] {out}));
    node("Gemm", prefix, List.of(current, wName, bName)).addAttribute(intAttribute("transB", 1));
  }

  /**
   * Batch normalization at inference: ONNX's {@code BatchNormalization(x, scale, B, mean, var)}
   * with jdnn's gamma, beta and running averages, on {@code [batch, features]} (C = features).
   * Its epsilon is a float32 attribute in every opset, so a float64 graph normalises with
   * {@code (float) epsilon} (1e-5 becomes 9.99999975e-6).
   */
  private void batchNormalization(String at, String prefix, Layer layer, LayerSpec spec) {
    int features = spec.integer("features");
    String[] inputs = {prefix + ".gamma", prefix + ".beta", prefix + ".running_mean", prefix + ".running_var"};
    Matrix[] values = {parameter(at, layer, "gamma"), parameter(at, layer, "beta"),
        buffer(at, layer, "running_mean"), buffer(at, layer, "running_var")};
    for (int k = 0; k < inputs.length; k++) {
      graph.addInitializer(tensor(at, inputs[k], values[k], new long[] {features}));
    }
    node("BatchNormalization", prefix, List.of(current, inputs[0], inputs[1], inputs[2], inputs[3]))
        .addAttribute(floatAttribute("epsilon", spec.number("epsilon")))
        .addAttribute(floatAttribute("momentum", spec.number("momentum")));
  }

  private static Matrix parameter(String at, Layer layer, String name) {
    for (Parameter p : layer.parameters()) {
      if (p.name().equals(name)) {
        return p.value();
      }
    }
    throw new IllegalArgumentException(at + " has no parameter '" + name + "', only " + layer.parameters());
  }

  private NodeProto.Builder node(String op, String prefix, List<String> inputs) {
    String output = prefix + "." + op;
    NodeProto.Builder node = NodeProto.newBuilder().setName(prefix + "/" + op).setOpType(op)
        .addAllInput(inputs).addOutput(output);
    nodes.add(node);
    current = output;
    return node;
  }

  private TensorProto tensor(String at, String name, Matrix m, long[] dims) {
    double[] values = m.data();
    ByteBuffer raw = ByteBuffer.allocate(values.length * options.precision().bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(at + " holds " + v + " at position " + i + " of " + name
            + "; only finite numbers can be exported");
      }
      if (options.precision() == OnnxPrecision.FLOAT32) {
        raw.putFloat((float) v);
      } else {
        raw.putDouble(v);
      }
    }
    raw.flip();
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(options.precision().dataType().getNumber());
    for (long d : dims) {
      t.addDims(d);
    }
    return t.setRawData(ByteString.copyFrom(raw)).build();
  }

  /** A {@code [batch, size]} tensor of the export's element type; {@code batch} is symbolic. */
  private ValueInfoProto valueInfo(String name, int size) {
    TensorShapeProto.Dimension features = size == Layer.ANY_SIZE
        ? TensorShapeProto.Dimension.newBuilder().setDimParam(name + "_features").build()
        : TensorShapeProto.Dimension.newBuilder().setDimValue(size).build();
    TensorShapeProto shape = TensorShapeProto.newBuilder()
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
        .addDim(features).build();
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
        TypeProto.Tensor.newBuilder().setElemType(options.precision().dataType().getNumber()).setShape(shape))).build();
  }

  private static AttributeProto intAttribute(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
  }

  /** ONNX float attributes are 32-bit; the reader gives back the shortest decimal, so 0.01 stays 0.01. */
  private static AttributeProto floatAttribute(String name, double value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF((float) value)
        .build();
  }

  private static StringStringEntryProto entry(String key, String value) {
    return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
  }

  private static String json(List<String> names) {
    try {
      return JSON.writeValueAsString(names);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the class names as JSON: " + e.getOriginalMessage(), e);
    }
  }
}
