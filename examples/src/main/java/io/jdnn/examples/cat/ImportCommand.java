package io.jdnn.examples.cat;

import io.jdnn.core.nn.Sequential;
import io.jdnn.data.model.ModelFile;
import io.jdnn.data.onnx.OnnxFile;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code jdnn-cat import}: an ONNX model (from PyTorch, say) as a jdnn model file, which
 * {@code evaluate}, {@code predict} and code can use and train further. {@code evaluate},
 * {@code predict} and {@code summary} also read the ONNX file directly.
 *
 * <pre>
 * jdnn-cat import --model from_pytorch.onnx --output from_pytorch.h5
 * </pre>
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Reads an ONNX model (Gemm or MatMul + Add and activations) and saves it as a jdnn model file.")
final class ImportCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ImportCommand.class);

  @Spec
  CommandSpec spec;

  @Mixin
  ModelOptions modelOptions;

  @Option(names = "--output", paramLabel = "FILE", required = true, description = "The jdnn model file to write.")
  Path output;

  @Override
  public Integer call() {
    if (!OnnxFile.isOnnx(modelOptions.model)) {
      throw new ParameterException(spec.commandLine(), "--model " + modelOptions.model + " must be an ONNX file (a name"
          + " ending in .onnx)");
    }
    if (OnnxFile.isOnnx(output) || Files.isDirectory(output)) {
      throw new ParameterException(spec.commandLine(), "--output " + output + " must be a jdnn model file name, e.g."
          + " model.h5");
    }
    Sequential model = modelOptions.load(spec);
    ModelFile.save(model, output);
    LOG.info("imported {} from {} into {}", model, modelOptions.model, output);
    return 0;
  }
}
