package io.jdnn.examples.cat;

import io.jdnn.core.nn.Layer;
import io.jdnn.core.nn.Sequential;
import io.jdnn.data.model.ModelFile;
import io.jdnn.data.onnx.OnnxFile;
import io.jdnn.data.onnx.OnnxModel;
import io.jdnn.layers.Dense;
import io.jdnn.layers.Networks;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that name a saved model, shared by {@code evaluate}, {@code predict},
 * {@code summary}, {@code export} and {@code import}: {@code --model FILE}, a jdnn model file or an
 * ONNX file (told apart by the {@code .onnx} name), and {@code --layers} to state the architecture
 * of a file that holds only the course's {@code W1, b1, ...} (as NumPy/h5py write them).
 *
 * <pre>
 * jdnn-cat summary --model cat.h5
 * jdnn-cat evaluate --model cat.onnx
 * jdnn-cat evaluate --model numpy_params.h5 --layers 12288,20,7,5,1
 * </pre>
 */
final class ModelOptions {
  private static final Logger LOG = LoggerFactory.getLogger(ModelOptions.class);

  @Option(names = "--model", paramLabel = "FILE", required = true,
      description = "The model file: a jdnn model as train --save writes it, or an ONNX model (a name ending in"
          + " .onnx).")
  Path model;

  @Option(names = "--layers", paramLabel = "SIZES", split = ",",
      description = "For a file with only W1, b1, ... (no jdnn architecture): the sizes, input first, of the"
          + " course's [LINEAR->RELU]*(L-1) -> LINEAR->SIGMOID network, e.g. 12288,20,7,5,1.")
  int[] layers;

  /** What the ONNX file said about the model, once {@link #load} read one; null for a jdnn model file. */
  OnnxModel onnx;

  /** Loads the model; a bad file is a {@link io.jdnn.data.model.ModelFormatException} (exit code 1). */
  Sequential load(CommandSpec spec) {
    long start = System.nanoTime();
    Sequential loaded;
    if (OnnxFile.isOnnx(model)) {
      if (layers != null) {
        throw new ParameterException(spec.commandLine(), "--layers is for a file with only W1, b1, ...; the ONNX file "
            + model + " carries its own architecture");
      }
      onnx = OnnxFile.read(model);
      loaded = onnx.model();
      if (!onnx.classNames().isEmpty() && loaded.classNames().isEmpty()) {
        try {
          // The file's class_names entry names the outputs as a jdnn model file's names do.
          loaded.classNames(onnx.classNames());
        } catch (IllegalArgumentException e) {
          LOG.warn("{}: its class_names {} do not fit the model ({}); predictions are named by number", model,
              onnx.classNames(), e.getMessage());
        }
      }
    } else if (layers != null) {
      if (layers.length < 2 || Arrays.stream(layers).anyMatch(n -> n < 1)) {
        throw new ParameterException(spec.commandLine(), "--layers must be at least two positive sizes, input first,"
            + " e.g. 12288,20,7,5,1; got " + Arrays.toString(layers).replaceAll("[\\[\\] ]", ""));
      }
      loaded = ModelFile.loadWeights(model, Networks.reluSigmoid(layers));
    } else {
      loaded = ModelFile.load(model);
    }
    LOG.debug("loaded {} from {} in {} ms", loaded, model, (System.nanoTime() - start) / 1_000_000);
    return loaded;
  }

  /** The number of input features of {@code model}: the {@code in} of its first dense layer. */
  static int inputSize(Sequential model, Path file) {
    for (Layer layer : model.layers()) {
      if (layer instanceof Dense dense) {
        return dense.in();
      }
      if (!layer.parameters().isEmpty()) {
        break;
      }
    }
    throw new IllegalArgumentException(file + ": cannot tell how many inputs " + model + " takes; expected a Dense"
        + " layer before any other layer with parameters");
  }
}
