package io.jdnn.examples.cat;

import io.jdnn.core.nn.Layer;
import io.jdnn.core.nn.Sequential;
import io.jdnn.data.onnx.OnnxExportOptions;
import io.jdnn.data.onnx.OnnxFile;
import io.jdnn.data.onnx.OnnxPrecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jdnn-cat export}: a saved model as an ONNX file, for ONNX Runtime and the other runtimes
 * (see {@link OnnxFile}). Float32 unless {@code --float64}; the class names default to the cat
 * data's {@code non-cat,cat} for a model with one output.
 *
 * <pre>
 * jdnn-cat export --model cat.h5 --output cat.onnx
 * jdnn-cat export --model cat.h5 --output cat64.onnx --float64
 * </pre>
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Writes a saved model as an ONNX model (input 'input' [batch, features], output 'output').")
final class ExportCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ExportCommand.class);

  @Spec
  CommandSpec spec;

  @Mixin
  ModelOptions modelOptions;

  @Option(names = "--output", paramLabel = "FILE.onnx", required = true, description = "The ONNX file to write.")
  Path output;

  @Option(names = "--float64",
      description = "Write float64 weights, input and output (jdnn's own numbers; runs on ONNX Runtime's CPU) instead"
          + " of float32, which every runtime runs.")
  boolean float64;

  @Option(names = "--name", paramLabel = "NAME", description = "The model's name (default: the output file's name).")
  String name;

  @Option(names = "--classes", paramLabel = "NAMES", split = ",",
      description = "Class names for the metadata (default: non-cat,cat for a model with one output).")
  List<String> classes;

  @Override
  public Integer call() {
    if (!OnnxFile.isOnnx(output)) {
      throw new ParameterException(spec.commandLine(), "--output " + output + " must end in .onnx");
    }
    if (Files.isDirectory(output)) {
      throw new ParameterException(spec.commandLine(), "--output " + output + " is a folder, expected a file name");
    }
    Sequential model = modelOptions.load(spec);
    String fileName = output.getFileName().toString();
    OnnxExportOptions options = OnnxExportOptions.DEFAULT
        .withName(name != null ? name : fileName.substring(0, fileName.length() - OnnxFile.EXTENSION.length()))
        .withClassNames(classes != null ? classes : outputSize(model) == 1 ? List.of("non-cat", "cat") : List.of())
        .withPrecision(float64 ? OnnxPrecision.FLOAT64 : OnnxPrecision.FLOAT32);
    OnnxFile.save(model, output, options);
    LOG.info("exported {} to {} ({})", model, output, options.precision());
    return 0;
  }

  private static int outputSize(Sequential model) {
    int size = Layer.ANY_SIZE;
    for (Layer layer : model.layers()) {
      size = layer.outputSize(size);
    }
    return size;
  }
}
