package io.jdnn.data.onnx;

import io.jdnn.core.nn.Sequential;
import io.jdnn.data.io.AtomicFiles;
import io.jdnn.data.model.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * A {@link Sequential} model as an ONNX file, the exchange format that ONNX Runtime, TensorRT,
 * OpenVINO and the browser runtimes read and PyTorch, Keras and scikit-learn write. Written and read
 * with protobuf-java and classes generated from ONNX's own {@code onnx.proto} (IR version 8).
 *
 * <p><b>Export</b> ({@link #save}): an input named {@value #INPUT} of shape {@code [batch, features]}
 * with a symbolic batch (rows are examples, as every ONNX consumer expects; jdnn's {@code W.x}
 * becomes {@code Gemm(input, W, b, transB=1)} = {@code input.W^T + b}, so no weight is transposed),
 * an output named {@value #OUTPUT} of shape {@code [batch, out]}, ONNX opset {@value OnnxWriter#OPSET}
 * ({@value OnnxWriter#OPSET_FLOAT64} for float64, whose LeakyRelu takes doubles from there on),
 * producer {@code jdnn} with this build's version, and metadata {@value #MODEL_NAME_KEY} and {@value #CLASS_NAMES_KEY} (a JSON
 * array). Layers: {@code Dense} (Gemm), {@code ReLU}, {@code Sigmoid}, {@code Tanh},
 * {@code LeakyReLU}, {@code Softmax} (axis 1), {@code BatchNormalization} (ONNX's, with the running
 * averages: inference), and {@code Dropout}, which is left out (at inference it changes nothing).
 * A {@code Dense} without a bias is a {@code Gemm} without its C input. Float32 by default, float64 with {@link OnnxPrecision#FLOAT64}.
 *
 * <p><b>Import</b> ({@link #load}, {@link #read}): a chain from one 2-D input to one output of
 * {@code Gemm} (any {@code transA}, {@code transB}, {@code alpha}, {@code beta}) or
 * {@code MatMul} + {@code Add}, {@code Relu}, {@code Sigmoid}, {@code Tanh}, {@code LeakyRelu},
 * {@code Softmax}, {@code Identity}, {@code Dropout} and {@code Flatten} of a 2-D input, with float32
 * or float64 weights: what {@code torch.onnx.export} writes for a {@code torch.nn.Sequential} of
 * {@code Linear} and activations. The result is an ordinary jdnn network (float32 weights become
 * the same numbers as doubles) that trains further and saves as a jdnn model file.
 *
 * <p><b>Errors.</b> Anything else is a {@link ModelFormatException} whose one-line message names
 * the file, the node and the operator, and what jdnn imports; a truncated or corrupt file is one
 * too, found by checking every length field against the file's size before anything is parsed or
 * allocated ({@link WireCheck}).
 *
 * <pre>{@code
 * OnnxFile.save(model, Path.of("cat.onnx"));                       // float32, for any runtime
 * Sequential again = OnnxFile.load(Path.of("from_pytorch.onnx"));
 * ModelFile.save(again, Path.of("from_pytorch.h5"));               // now a jdnn model
 * }</pre>
 */
public final class OnnxFile {
  /** The graph input's name. */
  public static final String INPUT = OnnxWriter.INPUT;
  /** The graph output's name. */
  public static final String OUTPUT = OnnxWriter.OUTPUT;
  /** Metadata key of the model's name. */
  public static final String MODEL_NAME_KEY = "model_name";
  /** Metadata key of the class names, a JSON array of strings. */
  public static final String CLASS_NAMES_KEY = "class_names";
  /** The file name extension that marks an ONNX file. */
  public static final String EXTENSION = ".onnx";

  static final String EXPORTED_LAYERS = "Dense, ReLU, Sigmoid, Tanh, LeakyReLU, Softmax, Dropout,"
      + " BatchNormalization and Standardization";
  static final String IMPORTED_OPERATORS = "Gemm, MatMul + Add, Relu, Sigmoid, Tanh, LeakyRelu, Softmax, Identity,"
      + " Dropout, Flatten of a 2-D input, and Sub and Div by constants (a standardization)";

  private OnnxFile() {}

  /**
   * Writes {@code model} as a float32 ONNX model named {@code jdnn-model}; see {@link #save(Sequential, Path,
   * OnnxExportOptions)}.
   */
  public static void save(Sequential model, Path path) {
    save(model, path, OnnxExportOptions.DEFAULT);
  }

  /**
   * Writes {@code model} to {@code path} as an ONNX model (replacing the file atomically).
   *
   * @throws IllegalArgumentException when a layer has no ONNX form; the message names the layer and
   *     what jdnn exports
   * @throws ModelFormatException when the file cannot be written
   */
  public static void save(Sequential model, Path path, OnnxExportOptions options) {
    byte[] bytes = OnnxWriter.build(model, options).toByteArray();
    try {
      AtomicFiles.write(path, temporary -> Files.write(temporary, bytes));
    } catch (IOException e) {
      throw new ModelFormatException(path, "cannot save the ONNX model (" + e + "); any previous file is unchanged", e);
    }
  }

  /**
   * The network in the ONNX file {@code path}.
   *
   * @throws ModelFormatException when the file is missing, truncated, corrupt, or holds an operator
   *     or graph shape jdnn does not import (the message names the node and the operator)
   */
  public static Sequential load(Path path) {
    return read(path).model();
  }

  /** As {@link #load}, with the file's name, producer, class names, opset and precision. */
  public static OnnxModel read(Path path) {
    return OnnxReader.read(path);
  }

  /** Whether {@code path}'s name ends in {@code .onnx} (any case): how the command line tells the formats apart. */
  public static boolean isOnnx(Path path) {
    Path name = path.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(EXTENSION);
  }

  /** This jdnn's version for the producer field, from {@code producer.properties}, which the build fills in. */
  static String producerVersion() {
    try (InputStream in = OnnxFile.class.getResourceAsStream("producer.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
