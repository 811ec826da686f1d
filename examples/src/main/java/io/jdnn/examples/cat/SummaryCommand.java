package io.jdnn.examples.cat;

import io.jdnn.core.nn.Sequential;
import io.jdnn.data.model.ModelFile;
import io.jdnn.data.onnx.OnnxModel;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code jdnn-cat summary}: a saved model's layers, output sizes and parameter counts, then the class
 * and feature names it keeps, if any; for an ONNX file also its opset, precision, producer and name.
 */
@Command(name = "summary", mixinStandardHelpOptions = true,
    description = "The layer table and parameter counts of a saved model.")
final class SummaryCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ModelOptions modelOptions;

  @Override
  public Integer call() {
    Sequential model = modelOptions.load(spec);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Model file: " + modelOptions.model + (modelOptions.onnx != null ? " (" + onnx(modelOptions.onnx) + ")"
        : modelOptions.layers != null ? " (parameters only; architecture from --layers)"
        : " (jdnn model format " + ModelFile.FORMAT_VERSION + ")"));
    out.print(model.summary());
    if (!model.classNames().isEmpty()) {
      out.println("Classes: " + String.join(", ", model.classNames()));
    }
    if (!model.featureNames().isEmpty()) {
      out.println("Features: " + String.join(", ", model.featureNames()));
    }
    out.flush();
    return 0;
  }

  /** E.g. {@code ONNX opset 13, float32, from pytorch 1.13.0, model "cat", classes non-cat, cat}. */
  private static String onnx(OnnxModel onnx) {
    return "ONNX opset " + onnx.opset() + ", " + onnx.precision().name().toLowerCase(Locale.ROOT)
        + (onnx.producer().isEmpty() ? "" : ", from " + onnx.producer())
        + (onnx.name().isEmpty() ? "" : ", model \"" + onnx.name() + "\"")
        + (onnx.classNames().isEmpty() ? "" : ", classes " + String.join(", ", onnx.classNames()));
  }
}
