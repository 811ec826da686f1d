package io.jdnn.examples.cat;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.Layer;
import io.jdnn.core.nn.Sequential;
import io.jdnn.data.images.ImageLoader;
import io.jdnn.data.io.DataFormatException;
import io.jdnn.layers.Sigmoid;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jdnn-cat predict}: a saved model on your own pictures. Each image (JPEG, PNG, BMP or GIF,
 * any size) is scaled to the model's square RGB input (64x64 for the course's 12288 inputs) by
 * {@link ImageLoader}; one tab-separated line per image on standard output: the file, the
 * probability of cat, and {@code cat} (probability above 0.5) or {@code non-cat}. An unreadable
 * image gets one error line on standard error, the others are still predicted, and the exit code
 * is 1.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Cat or not for your own JPEG/PNG/BMP/GIF images of any size, one line per image:"
        + " file, probability of cat, label.")
final class PredictCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ModelOptions modelOptions;

  @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files.")
  List<Path> images;

  @Override
  public Integer call() {
    Sequential model = modelOptions.load(spec);
    int side = imageSide(ModelOptions.inputSize(model, modelOptions.model));
    Layer last = model.layers().get(model.layers().size() - 1);
    if (!(last instanceof Sigmoid)) {
      // Any other last layer (Dense, ReLU, ...) gives numbers that are not probabilities of cat.
      throw new IllegalArgumentException(modelOptions.model + ": the model ends in " + last + ", whose output is not a"
          + " probability; predict needs a binary classifier ending in Sigmoid");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int failures = 0;
    for (Path image : images) {
      Matrix x;
      try {
        x = ImageLoader.load(image, side, side);
      } catch (DataFormatException e) {
        err.println("jdnn-cat: error: " + e.getMessage());
        err.flush();
        failures++;
        continue;
      }
      double p = model.predict(x).get(0, 0);
      if (!(p >= 0 && p <= 1)) {
        err.println("jdnn-cat: error: " + image + ": the model's output " + p + " is not a probability");
        err.flush();
        failures++;
        continue;
      }
      out.println(String.format(Locale.ROOT, "%s\t%.6f\t%s", image, p, p > 0.5 ? "cat" : "non-cat"));
    }
    out.flush();
    return failures == 0 ? 0 : CatClassifier.FAILURE;
  }

  /** The side of the square RGB image a model with {@code inputs} features takes. */
  private int imageSide(int inputs) {
    int side = (int) Math.round(Math.sqrt(inputs / 3.0));
    if (side * side * 3 != inputs) {
      throw new IllegalArgumentException(modelOptions.model + " takes " + inputs + " inputs, which is not a square RGB"
          + " image (side x side x 3, e.g. 12288 for 64x64)");
    }
    return side;
  }
}
