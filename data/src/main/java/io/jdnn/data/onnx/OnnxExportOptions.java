package io.jdnn.data.onnx;

import java.util.List;
import java.util.Objects;

/**
 * What {@link OnnxFile#save} writes besides the network: the model's name (the graph's name and
 * the {@code model_name} metadata entry), the class names (metadata entry {@code class_names}, a
 * JSON array, one name per output unit or, for a single sigmoid unit, the negative class then the
 * positive one) and the {@link OnnxPrecision}.
 *
 * <pre>{@code
 * OnnxExportOptions options = OnnxExportOptions.DEFAULT.withName("cat").withClassNames(List.of("non-cat", "cat"));
 * }</pre>
 *
 * @param name the model's name, not blank
 * @param classNames the class names, possibly empty (then no {@code class_names} entry is written)
 * @param precision the element type of the input, output and weights
 */
public record OnnxExportOptions(String name, List<String> classNames, OnnxPrecision precision) {
  /** Name {@code jdnn-model}, no class names, float32. */
  public static final OnnxExportOptions DEFAULT = new OnnxExportOptions("jdnn-model", List.of(), OnnxPrecision.FLOAT32);

  /** Checks and copies the arguments. */
  public OnnxExportOptions {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an ONNX model's name must not be blank");
    }
    classNames = List.copyOf(classNames);
    Objects.requireNonNull(precision, "precision");
  }

  /** These options with the model name {@code name}. */
  public OnnxExportOptions withName(String name) {
    return new OnnxExportOptions(name, classNames, precision);
  }

  /** These options with the class names {@code classNames}. */
  public OnnxExportOptions withClassNames(List<String> classNames) {
    return new OnnxExportOptions(name, classNames, precision);
  }

  /** These options with the precision {@code precision}. */
  public OnnxExportOptions withPrecision(OnnxPrecision precision) {
    return new OnnxExportOptions(name, classNames, precision);
  }
}
