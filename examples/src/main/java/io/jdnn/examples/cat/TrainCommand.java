package io.jdnn.examples.cat;

import io.jdnn.core.Initializer;
import io.jdnn.core.Metrics;
import io.jdnn.core.NumpyRandom;
import io.jdnn.core.Sequential;
import io.jdnn.core.Trainer;
import io.jdnn.core.kernel.Kernels;
import io.jdnn.data.CatVsNonCat;
import io.jdnn.layers.Networks;
import io.jdnn.losses.BinaryCrossEntropy;
import io.jdnn.optim.SGD;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jdnn-cat train}: the course's L-layer network trained by full-batch gradient descent,
 * printing the course's cost lines and the two accuracies on standard output; optionally saves
 * the model ({@code --save}) and writes the report pictures ({@code --report}).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train [LINEAR->RELU]*(L-1) -> LINEAR->SIGMOID on the cat data, the course's way.")
final class TrainCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

  @Spec
  CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Folder with train_catvnoncat.h5 and test_catvnoncat.h5 "
          + "(default: data/catvnoncat if it exists, else ../shared/datasets/catvnoncat).")
  Path data;

  @Option(names = "--layers", paramLabel = "SIZES", split = ",", defaultValue = "12288,20,7,5,1",
      description = "Layer sizes, input first (default: ${DEFAULT-VALUE}).")
  int[] layers;

  @Option(names = "--iterations", defaultValue = "2500", description = "Gradient-descent steps (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--learning-rate", defaultValue = "0.0075", description = "Step size (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--init", defaultValue = "lecun",
      description = "Weight initialisation: lecun (randn/sqrt(n_prev)) or small (randn*0.01) (default: ${DEFAULT-VALUE}).")
  String init;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the NumPy-compatible generator (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--print-every", defaultValue = "100", description = "Print the cost every N iterations (default: ${DEFAULT-VALUE}).")
  int printEvery;

  @Option(names = "--save", paramLabel = "FILE",
      description = "Save the trained model to this HDF5 file (W1, b1, ... with the course's shapes).")
  Path save;

  @Option(names = "--report", paramLabel = "DIR",
      description = "Write cost.png, mislabeled.png, metrics.txt and costs.csv into this folder.")
  Path report;

  @Override
  public Integer call() {
    validate();
    Initializer initializer = Initializer.byName(init);
    Path dir = data != null ? data : defaultDataDir();
    long start = System.nanoTime();
    CatVsNonCat cats = CatVsNonCat.load(dir);
    if (layers[0] != cats.train().x().rows()) {
      throw new ParameterException(spec.commandLine(), "--layers starts with " + layers[0] + " inputs but the images in "
          + dir + " have " + cats.train().x().rows() + " values each");
    }
    LOG.info("loaded {} training and {} test images from {} in {} ms", cats.train().count(), cats.test().count(), dir,
        (System.nanoTime() - start) / 1_000_000);

    Sequential model = Networks.reluSigmoid(layers).initialize(initializer, new NumpyRandom(seed));
    PrintWriter out = spec.commandLine().getOut();
    Kernels.get();
    long trainStart = System.nanoTime();
    double[] costs;
    try (TrainingProgress progress = TrainingProgress.start(iterations)) {
      costs = new Trainer(model, new BinaryCrossEntropy(), new SGD(learningRate))
          .listener((i, cost) -> {
            if (i % printEvery == 0 || i == iterations - 1) {
              progress.beforeOutputLine();
              out.println("Cost after iteration " + i + ": " + cost);
            }
          })
          .listener(progress)
          .fit(cats.train().x(), cats.train().y(), iterations);
    }
    long trainNanos = System.nanoTime() - trainStart;
    LOG.info("trained {} iterations in {} ms ({} ms per iteration)", iterations, trainNanos / 1_000_000,
        String.format("%.3f", trainNanos / 1e6 / iterations));

    out.println("Train accuracy: " + Metrics.binaryAccuracy(model.predict(cats.train().x()), cats.train().y()));
    out.println("Test accuracy: " + Metrics.binaryAccuracy(model.predict(cats.test().x()), cats.test().y()));
    out.flush();
    if (save != null) {
      model.save(save);
      LOG.info("saved the model to {}", save);
    }
    if (report != null) {
      String settings = "layers: " + Arrays.toString(layers).replaceAll("[\\[\\] ]", "") + ", init: " + init
          + ", seed: " + seed + ", learning rate: " + learningRate;
      TrainingReport.write(report, settings, learningRate, printEvery, costs, model, cats);
      LOG.info("wrote {}, {}, {} and {} to {}", TrainingReport.COST_PLOT, TrainingReport.MISLABELED,
          TrainingReport.METRICS, TrainingReport.COSTS, report);
    }
    return 0;
  }

  private void validate() {
    if (layers.length < 2 || layers[layers.length - 1] != 1 || Arrays.stream(layers).anyMatch(n -> n < 1)) {
      throw new ParameterException(spec.commandLine(), "--layers must be positive sizes, input first, ending in 1 "
          + "output, e.g. 12288,20,7,5,1; got " + Arrays.toString(layers).replaceAll("[\\[\\] ]", ""));
    }
    if (iterations < 1) {
      throw new ParameterException(spec.commandLine(), "--iterations must be at least 1, got " + iterations);
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new ParameterException(spec.commandLine(), "--learning-rate must be positive, got " + learningRate);
    }
    if (printEvery < 1) {
      throw new ParameterException(spec.commandLine(), "--print-every must be at least 1, got " + printEvery);
    }
    try {
      Initializer.byName(init);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--init: " + e.getMessage());
    }
    // Checked before training, so that a long run is not lost to a typo at the end.
    if (save != null && Files.isDirectory(save)) {
      throw new ParameterException(spec.commandLine(), "--save " + save + " is a folder, expected a file name");
    }
    if (report != null && Files.exists(report) && !Files.isDirectory(report)) {
      throw new ParameterException(spec.commandLine(), "--report " + report + " is a file, expected a folder");
    }
  }

  static Path defaultDataDir() {
    Path local = Path.of("data", "catvnoncat");
    return Files.isDirectory(local) ? local : Path.of("..", "shared", "datasets", "catvnoncat");
  }
}
