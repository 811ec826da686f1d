package io.jdnn.examples.cat;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.Layer;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.dataset.Labels;
import io.jdnn.data.csv.CsvTable;
import io.jdnn.data.images.ImageLoader;
import io.jdnn.data.io.DataFormatException;
import io.jdnn.layers.Sigmoid;
import io.jdnn.layers.Softmax;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jdnn-cat predict}: a saved model on your own examples, one tab-separated line each on
 * standard output: what was predicted (the file, or {@code file:line} for a table's row), a
 * probability, and the class name. For a model with one output (the cat) the probability is that of
 * its second class ({@code cat}), the class the one above 0.5, as the course's {@code predict}; for a
 * softmax model it is the probability of the predicted class.
 *
 * <ul>
 *   <li>A model of square RGB images (12288 inputs: 64x64) takes JPEG, PNG, BMP or GIF pictures of
 *       any size, scaled by {@link ImageLoader#load}.
 *   <li>A model of square grey images (784 inputs: 28x28 digits) takes pictures of any size, made
 *       grey and scaled by {@link ImageLoader#loadGray}. MNIST digits are light on a dark ground: a
 *       picture whose border is mostly light (a dark digit on paper) is inverted first.
 *   <li>A model trained on a CSV table takes CSV files with a header row: its feature columns are
 *       found by name (any order; other columns such as an id or the label are ignored), and every
 *       row is predicted, the standardization saved in the model applied.
 * </ul>
 * An unreadable file gets one error line on standard error, the others are still predicted, and
 * the exit code is 1.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Predict your own examples with a saved model, one line each: file (file:line for a CSV row),"
        + " probability, class. Cat models take JPEG/PNG/BMP/GIF images of any size; digit models pictures of a"
        + " digit of any size (made 28x28 grey); table models CSV files with the model's feature columns.")
final class PredictCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(PredictCommand.class);

  @Spec
  CommandSpec spec;

  @Mixin
  ModelOptions modelOptions;

  @Parameters(paramLabel = "IMAGE|FILE.csv", arity = "1..*", description = "Image files, or CSV files for a table's model.")
  List<Path> files;

  @Override
  public Integer call() {
    Sequential model = modelOptions.load(spec);
    int inputs = ModelOptions.inputSize(model, modelOptions.model);
    boolean table = !model.featureNames().isEmpty() || files.stream().allMatch(TrainingData::isTable);
    int rgbSide = (int) Math.round(Math.sqrt(inputs / 3.0));
    int graySide = (int) Math.round(Math.sqrt(inputs));
    if (!table && rgbSide * rgbSide * 3 != inputs && graySide * graySide != inputs) {
      throw new IllegalArgumentException(modelOptions.model + " takes " + inputs + " inputs, which is neither a"
          + " square RGB image (side x side x 3, e.g. 12288 for 64x64) nor a square grey one (e.g. 784 for 28x28),"
          + " and it keeps no feature names of a table");
    }
    Layer last = model.layers().get(model.layers().size() - 1);
    if (!(last instanceof Sigmoid) && !(last instanceof Softmax)) {
      // Any other last layer (Dense, ReLU, ...) gives numbers that are not probabilities.
      throw new IllegalArgumentException(modelOptions.model + ": the model ends in " + last + ", whose output is not a"
          + " probability; predict needs a classifier ending in Sigmoid or Softmax");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int failures = 0;
    for (Path file : files) {
      try {
        if (table) {
          CsvTable rows = CsvTable.readFeatures(file, model.featureNames());
          if (rows.x().rows() != inputs) {
            throw new DataFormatException(file, "has " + rows.x().rows() + " columns but " + modelOptions.model
                + " takes " + inputs + " features");
          }
          Matrix p = model.predict(rows.x());
          for (int j = 0; j < rows.count(); j++) {
            failures += print(out, err, file + ":" + rows.line(j), model, p, j);
          }
        } else if (rgbSide * rgbSide * 3 == inputs) {
          failures += print(out, err, file.toString(), model, model.predict(ImageLoader.load(file, rgbSide, rgbSide)), 0);
        } else {
          failures += print(out, err, file.toString(), model, model.predict(digit(file, graySide)), 0);
        }
      } catch (DataFormatException e) {
        err.println("jdnn-cat: error: " + e.getMessage());
        err.flush();
        failures++;
      }
    }
    out.flush();
    return failures == 0 ? 0 : CatClassifier.FAILURE;
  }

  /** A picture as an MNIST digit: grey, {@code side x side}, light on dark. */
  private static Matrix digit(Path file, int side) {
    Matrix x = ImageLoader.loadGray(file, side, side);
    double border = 0;
    int count = 0;
    for (int i = 0; i < side; i++) {
      for (int k : new int[] {0, side - 1}) {
        border += x.get(i * side + k, 0) + x.get(k * side + i, 0);
        count += 2;
      }
    }
    if (border / count > 0.5) {
      LOG.info("{}: a light border, so a dark digit on a light ground; inverted, as MNIST digits are light on dark",
          file);
      double[] d = x.data();
      for (int i = 0; i < d.length; i++) {
        d[i] = 1.0 - d[i];
      }
    }
    return x;
  }

  /** One line: the name, the probability, the class (see the class notes). */
  /** Prints example {@code j}'s line; returns 1 (a failure, said on {@code err}) when its output is no probability. */
  private static int print(PrintWriter out, PrintWriter err, String name, Sequential model, Matrix p, int j) {
    int c = Labels.predicted(p, j);
    double probability = p.rows() == 1 ? p.get(0, j) : p.get(c, j);
    if (!(probability >= 0 && probability <= 1)) {
      err.println("jdnn-cat: error: " + name + ": the model's output " + probability + " is not a probability");
      err.flush();
      return 1;
    }
    out.println(String.format(Locale.ROOT, "%s\t%.6f\t%s", name, probability, className(model, p.rows(), c)));
    return 0;
  }

  private static String className(Sequential model, int outputs, int c) {
    if (!model.classNames().isEmpty()) {
      return model.classNames().get(c);
    }
    // A model saved without names: the course's cat files; else the class's number.
    return outputs == 1 ? (c == 1 ? "cat" : "non-cat") : String.valueOf(c);
  }
}
