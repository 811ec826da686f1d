package io.jdnn.data.onnx;

import io.jdnn.core.nn.Sequential;
import java.util.List;
import java.util.Objects;

/**
 * A model read from an ONNX file by {@link OnnxFile#read}: the jdnn network and what the file says
 * about it.
 *
 * <pre>{@code
 * OnnxModel onnx = OnnxFile.read(Path.of("classifier.onnx"));
 * Matrix p = onnx.model().predict(x);             // x is features x m, as everywhere in jdnn
 * System.out.println(onnx.producer() + " " + onnx.classNames());
 * }</pre>
 *
 * @param model the network, trainable and savable as a jdnn model file
 * @param name the model's name: the {@code model_name} metadata entry, else the graph's name
 * @param producer the producer's name and version, e.g. {@code pytorch 1.13.0}
 * @param classNames the {@code class_names} metadata entry (a JSON array of strings), or empty
 * @param opset the version of the default ONNX operator set the file imports
 * @param precision the element type of the graph's input
 */
public record OnnxModel(Sequential model, String name, String producer, List<String> classNames, int opset,
    OnnxPrecision precision) {

  /** Checks and copies the arguments. */
  public OnnxModel {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(producer, "producer");
    classNames = List.copyOf(classNames);
    Objects.requireNonNull(precision, "precision");
  }
}
