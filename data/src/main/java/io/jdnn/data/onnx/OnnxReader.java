package io.jdnn.data.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import io.jdnn.core.nn.Layer;
import io.jdnn.core.nn.LayerSpec;
import io.jdnn.core.nn.LayerTypes;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.data.model.ModelFormatException;
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
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an ONNX file into a {@link Sequential}; see {@link OnnxFile#load} for what it accepts.
 *
 * <p><b>Where the batch is.</b> jdnn holds examples in columns ({@code features x m}); ONNX
 * graphs usually hold them in rows ({@code [batch, features]}), but a {@code Gemm} with
 * {@code transA}/{@code transB} or a {@code MatMul} with the weight first can switch a graph to
 * columns. The reader follows the layout of each tensor of the chain ({@link Layout}) and turns
 * every product into jdnn's {@code W.x + b} with {@code W} of shape {@code out x in}, whatever the
 * layout, so that the imported network computes the same function of each example.
 */
final class OnnxReader {
  private static final Logger LOG = LoggerFactory.getLogger(OnnxReader.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** protobuf-java reads at most 2 GiB; bigger ONNX models keep their weights in external files. */
  static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;
  /** Gemm as it is today dates from opset 7 (before, C's broadcasting needed an attribute). */
  static final int MIN_OPSET = 7;
  private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  /** Where a 2-D tensor of the chain keeps its examples. */
  enum Layout {
    /** {@code [batch, features]}: examples in rows, as ONNX models usually are. */
    ROWS("[batch, features]"),
    /** {@code [features, batch]}: examples in columns, as jdnn holds them. */
    COLUMNS("[features, batch]");

    private final String text;

    Layout(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private final Path file;
  private final ModelProto proto;
  private final Map<String, TensorProto> initializers = new LinkedHashMap<>();
  /** Tensor name to the node (its description) that made it, for messages. */
  private final Map<String, String> producedBy = new HashMap<>();
  private final List<Layer> layers = new ArrayList<>();
  private int opset;
  private String inputName;
  /** The input's declared dimensions (null where symbolic), or null when it declares no shape. */
  private List<Long> inputDims;
  private String inputShape;
  private OnnxPrecision precision;

  // The chain so far.
  private String current;
  private Layout layout;
  private Layout inputLayout;
  private int features = Layer.ANY_SIZE;
  private String featuresFrom;
  /** The input size of the first weight, and its node, to check against the input's declared shape. */
  private int firstIn = Layer.ANY_SIZE;
  private String firstInFrom;
  /** The Dense a MatMul made, waiting for the Add of its bias; null otherwise. */
  private Layer pendingBias;
  /** The Standardization a Sub made, whose std a Div right after sets; null otherwise. */
  private Layer pendingStd;

  private OnnxReader(Path file, ModelProto proto) {
    this.file = file;
    this.proto = proto;
  }

  static OnnxModel read(Path file) {
    byte[] bytes = bytes(file);
    WireCheck.check(file, bytes, ModelProto.getDescriptor());
    ModelProto proto;
    try {
      proto = ModelProto.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new ModelFormatException(file, "not a readable ONNX model; the file is truncated or corrupt ("
          + e.getMessage() + ")", e);
    }
    return new OnnxReader(file, proto).convert();
  }

  private static byte[] bytes(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ModelFormatException(file, Files.isDirectory(file) ? "is a directory, expected an ONNX model file"
          : "no such model file");
    }
    try {
      long size = Files.size(file);
      if (size == 0) {
        throw new ModelFormatException(file, "is empty, expected an ONNX model");
      }
      if (size > MAX_FILE_BYTES) {
        throw new ModelFormatException(file, "is " + size + " bytes; jdnn reads ONNX files up to 2 GiB (larger"
            + " models keep their weights in external data files, which jdnn does not read)");
      }
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length >= HDF5_SIGNATURE.length
          && Arrays.equals(Arrays.copyOf(bytes, HDF5_SIGNATURE.length), HDF5_SIGNATURE)) {
        throw new ModelFormatException(file, "is an HDF5 file (a jdnn model file?), not an ONNX model; jdnn reads"
            + " it by its .h5 name");
      }
      return bytes;
    } catch (IOException e) {
      throw new ModelFormatException(file, "cannot be read (" + e + ")", e);
    }
  }

  private OnnxModel convert() {
    if (!proto.hasIrVersion() || !proto.hasGraph()) {
      throw fail("is not an ONNX model: it has no " + (proto.hasIrVersion() ? "graph" : "IR version (ir_version)")
          + "; the file is corrupt or something else");
    }
    opset = defaultOpset();
    GraphProto graph = proto.getGraph();
    if (graph.getSparseInitializerCount() > 0) {
      throw fail("has sparse initializers, which jdnn does not read");
    }
    for (TensorProto t : graph.getInitializerList()) {
      if (initializers.put(t.getName(), t) != null) {
        throw fail("has two initializers called '" + t.getName() + "'");
      }
    }
    readInput(graph);
    if (graph.getOutputCount() != 1) {
      throw fail("has " + graph.getOutputCount() + " graph outputs " + names(graph.getOutputList())
          + "; jdnn imports a model with one output");
    }
    current = inputName;
    producedBy.put(inputName, "the graph's input");
    for (int i = 0; i < graph.getNodeCount(); i++) {
      node(i + 1, graph.getNode(i));
    }
    String output = graph.getOutput(0).getName();
    if (!output.equals(current)) {
      throw fail("the graph's output '" + output + "' is not where its chain of nodes ends ('" + current + "'"
          + (producedBy.containsKey(output) ? "" : "; nothing makes '" + output + "'") + ")");
    }
    if (layers.isEmpty()) {
      throw fail("has no layer jdnn can import (its nodes only pass the input on)");
    }
    checkInputFeatures();
    Sequential model;
    try {
      model = Sequential.of(layers);
    } catch (IllegalArgumentException e) {
      throw fail("its layers do not chain: " + e.getMessage());
    }
    LOG.debug("read {} from {} (ONNX opset {}, {})", model, file, opset, precision);
    return new OnnxModel(model, modelName(graph), producer(), classNames(), opset, precision);
  }

  private int defaultOpset() {
    Long version = null;
    for (OperatorSetIdProto id : proto.getOpsetImportList()) {
      if (id.getDomain().isEmpty() || id.getDomain().equals("ai.onnx")) {
        version = id.getVersion();
      }
    }
    if (version == null) {
      throw fail("imports no version of the default ONNX operator set (opset_import), so its operators have no"
          + " meaning");
    }
    if (version < MIN_OPSET || version > Integer.MAX_VALUE) {
      throw fail("uses ONNX opset " + version + "; jdnn reads opset " + MIN_OPSET + " and later");
    }
    return (int) (long) version;
  }

  private void readInput(GraphProto graph) {
    List<ValueInfoProto> inputs = new ArrayList<>();
    for (ValueInfoProto input : graph.getInputList()) {
      // Before IR 4 every initializer was also listed as an input; those are not inputs to feed.
      if (!initializers.containsKey(input.getName())) {
        inputs.add(input);
      }
    }
    if (inputs.size() != 1) {
      throw fail("has " + inputs.size() + " graph inputs " + names(inputs) + " besides its initializers; jdnn imports"
          + " a model with one input");
    }
    ValueInfoProto input = inputs.get(0);
    inputName = input.getName();
    TypeProto type = input.getType();
    if (!type.hasTensorType()) {
      throw fail("input '" + inputName + "' is not a tensor; jdnn imports a model whose input is a 2-D tensor");
    }
    int elemType = type.getTensorType().getElemType();
    precision = OnnxPrecision.of(elemType);
    if (precision == null) {
      throw fail("input '" + inputName + "' holds " + OnnxPrecision.typeName(elemType) + " values; jdnn imports"
          + " FLOAT or DOUBLE inputs");
    }
    if (type.getTensorType().hasShape()) {
      TensorShapeProto shape = type.getTensorType().getShape();
      inputShape = dimsText(shape);
      inputDims = new ArrayList<>();
      for (TensorShapeProto.Dimension d : shape.getDimList()) {
        inputDims.add(d.hasDimValue() ? d.getDimValue() : null);
      }
      if (inputDims.size() != 2) {
        throw fail("input '" + inputName + "' has shape " + dimsText(shape) + "; jdnn imports 2-D inputs [batch,"
            + " features]");
      }
    }
  }

  /** The input's declared number of features must be what the first weight takes. */
  private void checkInputFeatures() {
    if (inputDims == null || inputLayout == null || firstIn == Layer.ANY_SIZE) {
      return;
    }
    Long declared = inputDims.get(inputLayout == Layout.ROWS ? 1 : 0);
    if (declared != null && declared != firstIn) {
      throw fail("input '" + inputName + "' is declared with " + declared + " features (shape " + inputShape
          + ", read as " + inputLayout + ") but " + firstInFrom + " takes " + firstIn);
    }
  }

  // ---- nodes ----

  private void node(int number, NodeProto node) {
    String op = node.getOpType();
    String at = "node " + number + (node.getName().isEmpty() ? "" : " '" + node.getName() + "'") + " (" + op + ")";
    String domain = node.getDomain();
    if (!domain.isEmpty() && !domain.equals("ai.onnx")) {
      throw fail(at + " is operator " + op + " of domain '" + domain + "', which jdnn cannot import; jdnn imports "
          + OnnxFile.IMPORTED_OPERATORS + " of the default ONNX domain");
    }
    Layer pending = pendingBias;
    pendingBias = null;
    Layer standardization = pendingStd;
    pendingStd = null;
    switch (op) {
      case "Identity", "Dropout" -> passOn(at, node);
      case "Flatten" -> flatten(at, node);
      case "Relu" -> activation(at, node, LayerSpec.of("ReLU"));
      case "Sigmoid" -> activation(at, node, LayerSpec.of("Sigmoid"));
      case "Tanh" -> activation(at, node, LayerSpec.of("Tanh"));
      case "LeakyRelu" -> {
        attributes(at, node, Set.of("alpha"));
        double alpha = shortest(floatAttribute(at, node, "alpha", 0.01f));
        activation(at, node, new LayerSpec("LeakyReLU", Map.of("alpha", alpha)));
      }
      case "Softmax" -> softmax(at, node);
      case "Gemm" -> gemm(at, node);
      case "MatMul" -> matMul(at, node);
      case "Add" -> add(at, node, pending);
      case "Sub" -> subtract(at, node);
      case "Div" -> divide(at, node, standardization);
      default -> throw fail(at + " uses operator " + op + ", which jdnn cannot import; jdnn imports "
          + OnnxFile.IMPORTED_OPERATORS);
    }
    for (String output : node.getOutputList()) {
      if (!output.isEmpty()) {
        producedBy.putIfAbsent(output, at);
      }
    }
  }

  private void passOn(String at, NodeProto node) {
    // Dropout's optional ratio and training_mode inputs only matter in training; at inference it
    // passes its input on, as ONNX Runtime does.
    requireChainInput(at, node, 0);
    for (int i = 1; i < node.getInputCount(); i++) {
      String name = node.getInput(i);
      if (!name.isEmpty() && !initializers.containsKey(name)) {
        throw fail(at + " reads '" + name + "' as input " + (i + 1) + "; jdnn imports it only with constant"
            + " (initializer) ratio and training_mode");
      }
    }
    advance(at, node);
  }

  private void flatten(String at, NodeProto node) {
    attributes(at, node, Set.of("axis"));
    long axis = intAttribute(at, node, "axis", 1);
    if (axis != 1 && axis != -1) {
      throw fail(at + " flattens at axis " + axis + ", which mixes the examples of a 2-D input; jdnn imports Flatten"
          + " of a 2-D input at axis 1, which changes nothing");
    }
    requireChainInput(at, node, 0);
    advance(at, node);
  }

  private void activation(String at, NodeProto node, LayerSpec spec) {
    if (!node.getOpType().equals("LeakyRelu")) {
      attributes(at, node, Set.of());
    }
    requireChainInput(at, node, 0);
    layers.add(create(at, spec));
    advance(at, node);
  }

  private void softmax(String at, NodeProto node) {
    attributes(at, node, Set.of("axis"));
    // Opset 13 made Softmax one-axis with default -1; before, it flattened from `axis` (default 1) on.
    long axis = intAttribute(at, node, "axis", opset >= 13 ? -1 : 1);
    Layout needed;
    if (axis == 1 || axis == -1) {
      needed = Layout.ROWS;
    } else if ((axis == 0 || axis == -2) && opset >= 13) {
      needed = Layout.COLUMNS;
    } else {
      throw fail(at + " normalises at axis " + axis + " (opset " + opset + "), which is not one example's features"
          + " of a 2-D tensor; jdnn imports Softmax over the features (axis 1 of [batch, features])");
    }
    requireChainInput(at, node, 0);
    requireLayout(at, needed, "normalises axis " + axis);
    layers.add(create(at, LayerSpec.of("Softmax")));
    advance(at, node);
  }

  /**
   * {@code Y = alpha * A' B' + beta * C}. With the chain's tensor as A, Y is {@code [batch, out]}
   * and {@code B'} is {@code W^T}; as B, Y is {@code [out, batch]} and {@code A'} is {@code W}.
   */
  private void gemm(String at, NodeProto node) {
    attributes(at, node, Set.of("alpha", "beta", "transA", "transB"));
    if (node.getInputCount() < 2 || node.getInputCount() > 3) {
      throw fail(at + " has " + node.getInputCount() + " inputs, expected A, B and an optional C");
    }
    double alpha = floatAttribute(at, node, "alpha", 1f);
    double beta = floatAttribute(at, node, "beta", 1f);
    boolean transA = intAttribute(at, node, "transA", 0) != 0;
    boolean transB = intAttribute(at, node, "transB", 0) != 0;
    int chain = chainInput(at, node, 2);
    Weights w;
    Layout out;
    if (chain == 0) {
      requireLayout(at, transA ? Layout.COLUMNS : Layout.ROWS, "reads A" + (transA ? " transposed (transA=1)" : ""));
      // B' = W^T: W is B itself when transB=1, else B transposed.
      w = weights(at, node.getInput(1), "B", !transB, alpha);
      out = Layout.ROWS;
    } else {
      requireLayout(at, transB ? Layout.ROWS : Layout.COLUMNS, "reads B" + (transB ? " transposed (transB=1)" : ""));
      w = weights(at, node.getInput(0), "A", transA, alpha);
      out = Layout.COLUMNS;
    }
    double[] bias = new double[w.out];
    if (node.getInputCount() == 3 && !node.getInput(2).isEmpty()) {
      bias = bias(at, node.getInput(2), "C", w.out, out, beta);
    }
    dense(at, w, bias);
    layout = out;
    advance(at, node);
  }

  /** {@code MatMul(x, B)} is {@code x W^T} with {@code W = B^T}; {@code MatMul(A, x)} is {@code W x} with {@code W = A}. */
  private void matMul(String at, NodeProto node) {
    attributes(at, node, Set.of());
    if (node.getInputCount() != 2) {
      throw fail(at + " has " + node.getInputCount() + " inputs, expected 2");
    }
    int chain = chainInput(at, node, 2);
    Weights w;
    if (chain == 0) {
      requireLayout(at, Layout.ROWS, "multiplies it from the left");
      w = weights(at, node.getInput(1), "B", true, 1);
      layout = Layout.ROWS;
    } else {
      requireLayout(at, Layout.COLUMNS, "multiplies it from the right");
      w = weights(at, node.getInput(0), "A", false, 1);
      layout = Layout.COLUMNS;
    }
    pendingBias = dense(at, w, new double[w.out]);
    advance(at, node);
  }

  /** An Add right after a MatMul, of the chain's tensor and a constant: the Dense layer's bias. */
  private void add(String at, NodeProto node, Layer dense) {
    attributes(at, node, Set.of());
    if (dense == null) {
      throw fail(at + " adds outside a MatMul + Add pair; jdnn imports Add only as the bias right after a MatMul"
          + " (it imports " + OnnxFile.IMPORTED_OPERATORS + ")");
    }
    if (node.getInputCount() != 2) {
      throw fail(at + " has " + node.getInputCount() + " inputs, expected 2");
    }
    int chain = chainInput(at, node, 2);
    Parameter b = parameter(dense, "b");
    double[] bias = bias(at, node.getInput(1 - chain), "the bias", b.value().rows(), layout, 1);
    for (int i = 0; i < bias.length; i++) {
      b.value().data()[i] += bias[i];
    }
    advance(at, node);
  }

  /** {@code Sub(x, mean)}, a constant per feature: a Standardization with std 1 until a Div follows. */
  private void subtract(String at, NodeProto node) {
    attributes(at, node, Set.of());
    requireTwoInputs(at, node);
    requireChainInput(at, node, 0);
    pendingStd = standardization(at, node.getInput(1), "the mean", true);
    advance(at, node);
  }

  /** {@code Div(x, std)}: the std of the Standardization a Sub just made, else one of its own (mean 0). */
  private void divide(String at, NodeProto node, Layer standardization) {
    attributes(at, node, Set.of());
    requireTwoInputs(at, node);
    requireChainInput(at, node, 0);
    if (standardization == null) {
      standardization = standardization(at, null, null, false);
    }
    Parameter std = buffer(standardization, "std");
    double[] values = perFeature(at, node.getInput(1), "the divisor", std.value().rows());
    for (int i = 0; i < values.length; i++) {
      if (!(values[i] > 0)) {
        throw fail(at + " divides feature " + i + " by " + values[i] + "; jdnn imports a division by a positive"
            + " constant per feature (a standard deviation)");
      }
    }
    System.arraycopy(values, 0, std.value().data(), 0, values.length);
    advance(at, node);
  }

  /**
   * A new Standardization layer (mean 0, std 1), over the features the chain has so far or, before
   * any weight, as many as the constant {@code name} holds; with the mean from {@code name} when
   * {@code isMean}.
   */
  private Layer standardization(String at, String name, String role, boolean isMean) {
    int n = features;
    if (n == Layer.ANY_SIZE) {
      if (name == null) {
        throw fail(at + " divides before anything fixes the number of features; jdnn imports Div by a constant"
            + " per feature");
      }
      requireKnown(at, name);
      TensorProto t = initializers.get(name);
      if (t == null) {
        throw fail(at + " reads '" + name + "' as " + role + "; jdnn imports a constant (an initializer)");
      }
      long[] dims = dims(t);
      n = dims.length == 0 ? 1 : (int) Math.min(Integer.MAX_VALUE, Math.max(0, Arrays.stream(dims).max().orElse(1)));
    }
    Layer layer = create(at, new LayerSpec("Standardization", Map.of("features", n)));
    if (isMean) {
      double[] mean = perFeature(at, name, role, n);
      System.arraycopy(mean, 0, buffer(layer, "mean").value().data(), 0, n);
    }
    layers.add(layer);
    if (features == Layer.ANY_SIZE) {
      features = n;
      featuresFrom = at;
      if (firstIn == Layer.ANY_SIZE) {
        firstIn = n;
        firstInFrom = at;
      }
    }
    return layer;
  }

  /** A constant with one value per feature of the chain's tensor (or one value for all), in either layout. */
  private double[] perFeature(String at, String name, String role, int n) {
    requireKnown(at, name);
    if (!initializers.containsKey(name)) {
      throw fail(at + " reads '" + name + "' as " + role + ", made by " + producedBy.get(name) + "; jdnn imports a"
          + " constant (an initializer)");
    }
    Layout of = layout == null ? Layout.ROWS : layout;
    if (layout == null) {
      long[] dims = dims(initializers.get(name));
      // A [features, 1] constant before any product says the examples are in columns.
      of = dims.length == 2 && dims[1] == 1 && dims[0] != 1 ? Layout.COLUMNS : Layout.ROWS;
      layout = of;
      inputLayout = of;
    }
    return bias(at, name, role, n, of, 1);
  }

  private void requireTwoInputs(String at, NodeProto node) {
    if (node.getInputCount() != 2) {
      throw fail(at + " has " + node.getInputCount() + " inputs, expected 2");
    }
  }

  // ---- the chain ----

  /** Which of the first {@code count} inputs is the chain's tensor (exactly one must be); the others are checked. */
  private int chainInput(String at, NodeProto node, int count) {
    int found = -1;
    for (int i = 0; i < count; i++) {
      String name = node.getInput(i);
      if (name.equals(current)) {
        if (found >= 0) {
          throw fail(at + " reads '" + current + "' twice; jdnn imports products of one tensor with constant weights");
        }
        found = i;
      }
    }
    if (found < 0) {
      for (int i = 0; i < count; i++) {
        requireKnown(at, node.getInput(i));
      }
      throw fail(at + " does not read '" + current + "', where the chain so far ends; jdnn imports a single chain"
          + " of layers from the input to the output");
    }
    for (int i = 0; i < count; i++) {
      if (i != found) {
        requireKnown(at, node.getInput(i));
        if (!initializers.containsKey(node.getInput(i))) {
          throw fail(at + " multiplies by '" + node.getInput(i) + "', made by " + producedBy.get(node.getInput(i))
              + "; jdnn imports products with constant weights (initializers)");
        }
      }
    }
    return found;
  }

  private void requireChainInput(String at, NodeProto node, int index) {
    if (node.getInputCount() <= index || node.getInput(index).isEmpty()) {
      throw fail(at + " has no input " + (index + 1));
    }
    String name = node.getInput(index);
    if (!name.equals(current)) {
      requireKnown(at, name);
      throw fail(at + " reads '" + name + "' (from " + (initializers.containsKey(name) ? "an initializer"
          : producedBy.get(name)) + "), not '" + current + "', where the chain so far ends; jdnn imports a single"
          + " chain of layers from the input to the output");
    }
  }

  /** A name a node reads must be the input, an initializer or an earlier node's output. */
  private void requireKnown(String at, String name) {
    if (!name.isEmpty() && !initializers.containsKey(name) && !producedBy.containsKey(name)) {
      throw fail(at + " reads '" + name + "', which is not the graph's input, an initializer or an earlier node's"
          + " output (a missing input)");
    }
  }

  private void requireLayout(String at, Layout needed, String how) {
    if (layout == null) {
      layout = needed;
      inputLayout = needed;
    } else if (layout != needed) {
      throw fail(at + " " + how + " as " + needed + ", but the tensor it reads is " + layout + "; the matrix products"
          + " of the chain do not agree on where the examples are");
    }
  }

  private void advance(String at, NodeProto node) {
    if (node.getOutputCount() == 0 || node.getOutput(0).isEmpty()) {
      throw fail(at + " has no output");
    }
    current = node.getOutput(0);
  }

  // ---- layers ----

  private Layer create(String at, LayerSpec spec) {
    try {
      return LayerTypes.create(spec);
    } catch (RuntimeException e) {
      throw fail(at + " needs jdnn layer " + spec + ", which cannot be built: " + e.getMessage());
    }
  }

  /** A weight matrix W ({@code out x in}, row-major) and where it came from. */
  private record Weights(double[] values, int out, int in, String name, String shape) {}

  /**
   * The weight tensor {@code name} as W ({@code out x in}) times {@code scale}: the tensor itself
   * when it is {@code out x in} ({@code transpose} false), else its transpose.
   */
  private Weights weights(String at, String name, String role, boolean transpose, double scale) {
    TensorProto t = initializers.get(name);
    long[] dims = dims(t);
    if (dims.length != 2) {
      throw fail(at + " has " + role + " '" + name + "' of shape " + Arrays.toString(dims) + "; jdnn imports 2-D"
          + " weights");
    }
    double[] v = values(at, t, role);
    int r = (int) dims[0];
    int c = (int) dims[1];
    int out = transpose ? c : r;
    int in = transpose ? r : c;
    double[] w = new double[v.length];
    for (int i = 0; i < out; i++) {
      for (int j = 0; j < in; j++) {
        double x = transpose ? v[j * c + i] : v[i * c + j];
        w[i * in + j] = scale == 1 ? x : scale * x;
      }
    }
    return new Weights(w, out, in, name, r + "x" + c);
  }

  /**
   * The tensor {@code name} as one bias per output unit, times {@code scale}: it must broadcast to
   * the product's output ({@code [batch, out]} in rows, {@code [out, batch]} in columns) without
   * depending on the batch size.
   */
  private double[] bias(String at, String name, String role, int out, Layout of, double scale) {
    requireKnown(at, name);
    TensorProto t = initializers.get(name);
    if (t == null) {
      throw fail(at + " adds '" + name + "', made by " + producedBy.get(name) + "; jdnn imports a constant bias"
          + " (an initializer)");
    }
    long[] dims = dims(t);
    long n = dims.length == 0 ? 1 : dims[dims.length - 1];
    boolean perUnit;
    if (of == Layout.ROWS) {
      perUnit = dims.length == 0 || (dims.length == 1 && (n == out || n == 1))
          || (dims.length == 2 && dims[0] == 1 && (n == out || n == 1));
    } else {
      perUnit = dims.length == 0 || (dims.length == 1 && n == 1)
          || (dims.length == 2 && dims[1] == 1 && (dims[0] == out || dims[0] == 1));
    }
    if (!perUnit) {
      String expected = of == Layout.ROWS ? "[" + out + "] or [1, " + out + "]" : "[" + out + ", 1]";
      throw fail(at + " has " + role + " '" + name + "' of shape " + Arrays.toString(dims) + ", which is not one"
          + " value per output unit of its " + of + " output; expected " + expected + " (or one value)");
    }
    double[] v = values(at, t, role);
    double[] bias = new double[out];
    for (int i = 0; i < out; i++) {
      double x = v.length == 1 ? v[0] : v[i];
      bias[i] = scale == 1 ? x : scale * x;
    }
    return bias;
  }

  private Layer dense(String at, Weights w, double[] bias) {
    if (features != Layer.ANY_SIZE && w.in != features) {
      throw fail(at + " has weight '" + w.name + "' of shape " + w.shape + ", which takes " + w.in + " inputs, but "
          + featuresFrom + " gives " + features + "; the shapes of the initializers do not chain");
    }
    if (firstIn == Layer.ANY_SIZE) {
      firstIn = w.in;
      firstInFrom = at;
    }
    Layer dense = create(at, new LayerSpec("Dense", Map.of("in", w.in, "out", w.out)));
    Parameter weights = parameter(dense, "W");
    Parameter b = parameter(dense, "b");
    if (weights.value().size() != w.values.length || b.value().size() != bias.length) {
      throw fail(at + ": jdnn's Dense " + dense + " has W " + weights.value().shape() + " and b " + b.value().shape()
          + ", expected " + w.out + "x" + w.in + " and " + w.out + "x1");
    }
    System.arraycopy(w.values, 0, weights.value().data(), 0, w.values.length);
    System.arraycopy(bias, 0, b.value().data(), 0, bias.length);
    layers.add(dense);
    features = w.out;
    featuresFrom = at;
    return dense;
  }

  private Parameter buffer(Layer layer, String name) {
    for (Parameter p : layer.buffers()) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalStateException("jdnn layer " + layer + " has no buffer '" + name + "'");
  }

  private Parameter parameter(Layer layer, String name) {
    for (Parameter p : layer.parameters()) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalStateException("jdnn layer " + layer + " has no parameter '" + name + "'");
  }

  // ---- tensors ----

  private long[] dims(TensorProto t) {
    long[] dims = new long[t.getDimsCount()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = t.getDims(i);
    }
    return dims;
  }

  /**
   * The values of {@code t}, checked against its shape before anything is allocated: the count the
   * dimensions give must be what the tensor holds, so a damaged dimension cannot size an array.
   */
  private double[] values(String at, TensorProto t, String role) {
    String what = at + " " + role + " '" + t.getName() + "'";
    OnnxPrecision type = OnnxPrecision.of(t.getDataType());
    if (type == null) {
      throw fail(what + " holds " + OnnxPrecision.typeName(t.getDataType()) + " values; jdnn imports FLOAT or DOUBLE"
          + " weights");
    }
    if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
      throw fail(what + " keeps its values in an external file, which jdnn does not read");
    }
    if (t.hasSegment()) {
      throw fail(what + " is a segment of a larger tensor, which jdnn does not read");
    }
    long count = 1;
    for (long d : dims(t)) {
      if (d < 0 || d > Integer.MAX_VALUE || (count *= d) > Integer.MAX_VALUE) {
        throw fail(what + " has shape " + Arrays.toString(dims(t)) + ", which is not a shape jdnn can hold (negative,"
            + " or over 2^31 values)");
      }
    }
    boolean raw = !t.getRawData().isEmpty();
    long held = raw ? t.getRawData().size() : type == OnnxPrecision.FLOAT32 ? t.getFloatDataCount()
        : t.getDoubleDataCount();
    long expected = raw ? count * type.bytes() : count;
    if (held != expected) {
      throw fail(what + " has shape " + Arrays.toString(dims(t)) + " (" + count + " values) but holds " + held
          + (raw ? " bytes of raw_data, expected " + expected : " values"));
    }
    double[] values = new double[(int) count];
    if (raw) {
      ByteBuffer bytes = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < values.length; i++) {
        values[i] = type == OnnxPrecision.FLOAT32 ? bytes.getFloat() : bytes.getDouble();
      }
    } else {
      for (int i = 0; i < values.length; i++) {
        values[i] = type == OnnxPrecision.FLOAT32 ? t.getFloatData(i) : t.getDoubleData(i);
      }
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw fail(what + " holds " + values[i] + " at position " + i + "; expected finite numbers");
      }
    }
    return values;
  }

  // ---- attributes ----

  private void attributes(String at, NodeProto node, Set<String> known) {
    for (AttributeProto a : node.getAttributeList()) {
      if (!known.contains(a.getName())) {
        throw fail(at + " has attribute '" + a.getName() + "', which jdnn does not import"
            + (known.isEmpty() ? "" : " (it reads " + String.join(", ", known.stream().sorted().toList()) + ")"));
      }
      if (!a.getRefAttrName().isEmpty()) {
        throw fail(at + " takes attribute '" + a.getName() + "' from a function's attribute, which jdnn does not"
            + " import");
      }
    }
  }

  private AttributeProto attribute(NodeProto node, String name) {
    for (AttributeProto a : node.getAttributeList()) {
      if (a.getName().equals(name)) {
        return a;
      }
    }
    return null;
  }

  private long intAttribute(String at, NodeProto node, String name, long otherwise) {
    AttributeProto a = attribute(node, name);
    if (a == null) {
      return otherwise;
    }
    if (a.getType() != AttributeProto.AttributeType.INT) {
      throw fail(at + " has attribute '" + name + "' of type " + a.getType() + ", expected INT");
    }
    return a.getI();
  }

  private float floatAttribute(String at, NodeProto node, String name, float otherwise) {
    AttributeProto a = attribute(node, name);
    if (a == null) {
      return otherwise;
    }
    if (a.getType() != AttributeProto.AttributeType.FLOAT) {
      throw fail(at + " has attribute '" + name + "' of type " + a.getType() + ", expected FLOAT");
    }
    if (!Float.isFinite(a.getF())) {
      throw fail(at + " has attribute '" + name + "' = " + a.getF() + "; expected a finite number");
    }
    return a.getF();
  }

  /**
   * The shortest decimal that rounds to {@code f}, as a double: ONNX attributes are 32-bit, so a
   * jdnn slope of 0.01 is written as the float nearest 0.01 and read back as 0.01 again.
   */
  private static double shortest(float f) {
    return Double.parseDouble(Float.toString(f));
  }

  // ---- metadata ----

  private String metadata(String key) {
    for (StringStringEntryProto e : proto.getMetadataPropsList()) {
      if (e.getKey().equals(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  private String modelName(GraphProto graph) {
    String name = metadata(OnnxFile.MODEL_NAME_KEY);
    return name != null ? name : graph.getName();
  }

  private String producer() {
    return (proto.getProducerName() + " " + proto.getProducerVersion()).strip();
  }

  private List<String> classNames() {
    String json = metadata(OnnxFile.CLASS_NAMES_KEY);
    if (json == null) {
      return List.of();
    }
    try {
      JsonNode node = JSON.readTree(json);
      List<String> names = new ArrayList<>();
      if (node != null && node.isArray()) {
        for (JsonNode n : node) {
          if (!n.isTextual()) {
            return List.of();
          }
          names.add(n.asText());
        }
      }
      return names;
    } catch (JsonProcessingException e) {
      LOG.warn("{}: metadata '{}' is not a JSON array of names ({}); ignored", file, OnnxFile.CLASS_NAMES_KEY,
          e.getOriginalMessage());
      return List.of();
    }
  }

  // ---- messages ----

  private static String names(List<ValueInfoProto> values) {
    StringJoiner s = new StringJoiner(", ", "(", ")");
    for (ValueInfoProto v : values) {
      s.add("'" + v.getName() + "'");
    }
    return s.toString();
  }

  private static String dimsText(TensorShapeProto shape) {
    StringJoiner s = new StringJoiner(", ", "[", "]");
    for (TensorShapeProto.Dimension d : shape.getDimList()) {
      s.add(d.hasDimValue() ? String.valueOf(d.getDimValue()) : d.hasDimParam() ? d.getDimParam() : "?");
    }
    return s.toString();
  }

  private ModelFormatException fail(String message) {
    return new ModelFormatException(file, message);
  }
}
