package io.jdnn.examples.cat;

import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.metrics.Metrics;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.Trainer;
import io.jdnn.core.training.TrainingException;
import io.jdnn.core.training.dataset.Dataset;
import io.jdnn.data.images.CatVsNonCat;
import io.jdnn.layers.Networks;
import io.jdnn.losses.BinaryCrossEntropy;
import io.jdnn.optim.SGD;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jdnn-cat tune}: the course's "next step", a grid search. Every combination of learning
 * rate and layer sizes is trained by full-batch gradient descent on the training images minus a
 * seeded validation split, and scored on that split after each requested iteration count (one run
 * per combination, up to the largest count). One table, sorted by validation accuracy (then
 * validation cost), best first. The test set is not touched: choosing by it would leak it.
 *
 * <p>With no {@code --layers} it tunes the network {@code train} trains by default (the course's
 * 4-layer {@code 12288,20,7,5,1}, lecun initialisation), so that its best row is a setting to
 * give {@code train} as it is.
 *
 * <p>With {@code --folds K} the grid is scored by stratified k-fold cross-validation instead
 * ({@link CrossValidation}): mean and spread over K folds, then the best point retrained on all
 * the training images and evaluated once on the test set.
 *
 * <pre>
 * java -jar jdnn-cat.jar tune --learning-rates 0.0075,0.02 --layers 12288,7,1 --layers 12288,20,7,5,1 --iterations 500,1000
 * </pre>
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
    description = "Grid search over learning rate, layer sizes and iterations, scored on a seeded validation split.")
final class TuneCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(TuneCommand.class);

  @Spec
  CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR", description = CatData.OPTION_HELP)
  Path data;

  @Option(names = "--learning-rates", paramLabel = "RATES", split = ",", defaultValue = "0.0075,0.03",
      description = "Learning rates to try, comma-separated (default: ${DEFAULT-VALUE}).")
  double[] learningRates;

  @Option(names = "--layers", paramLabel = "SIZES",
      description = "Layer sizes to try, input first, comma-separated; repeat the option for more "
          + "architectures (default: " + TrainCommand.DEFAULT_LAYERS + ", the network train trains by default).")
  List<String> layerLists;

  @Option(names = "--iterations", paramLabel = "COUNTS", split = ",", defaultValue = "300,1000",
      description = "Iteration counts to score, comma-separated (default: ${DEFAULT-VALUE}).")
  int[] iterationCounts;

  @Option(names = "--validation-split", paramLabel = "FRACTION", defaultValue = "0.2",
      description = "Fraction of the training images held out for scoring, seeded by --seed (default: ${DEFAULT-VALUE}).")
  double validationSplit;

  @Option(names = "--folds", paramLabel = "K", defaultValue = "0",
      description = "Score by seeded stratified K-fold cross-validation instead of one validation split: each grid "
          + "point trained K times, the mean and standard deviation of its validation accuracy shown, and the best "
          + "point retrained on all training images and scored once on the test set. 0 means one split "
          + "(default: ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--init", defaultValue = "lecun", description = "Weight initialisation: " + Initializer.NAMES
      + " (default: ${DEFAULT-VALUE}).")
  String init;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the initialisation and the split (default: ${DEFAULT-VALUE}).")
  long seed;

  /** One scored grid point. */
  record Result(String layers, double learningRate, int iterations, double trainAccuracy, double validationAccuracy,
      double validationCost) {}

  @Override
  public Integer call() {
    List<int[]> architectures = parseLayers();
    validate();
    Initializer initializer = Initializer.byName(init);
    CatVsNonCat cats = CatData.load(data);
    for (int[] sizes : architectures) {
      if (sizes[0] != cats.train().x().rows()) {
        throw new ParameterException(spec.commandLine(), "--layers " + text(sizes) + " starts with " + sizes[0]
            + " inputs but the images in " + CatData.describe(data) + " have " + cats.train().x().rows() + " values each");
      }
    }
    if (folds > 0) {
      if (folds > cats.train().count()) {
        throw new ParameterException(spec.commandLine(), "--folds " + folds + " is more than the " + cats.train().count()
            + " training images");
      }
      int[] sorted = Arrays.stream(iterationCounts).sorted().distinct().toArray();
      new CrossValidation(initializer, seed, folds).run(new Dataset(cats.train().x(), cats.train().y()),
          new Dataset(cats.test().x(), cats.test().y()), architectures, learningRates, sorted,
          spec.commandLine().getOut());
      return 0;
    }
    Dataset.Split split = new Dataset(cats.train().x(), cats.train().y()).split(validationSplit, seed);
    Dataset train = split.train();
    Dataset validation = split.validation();
    LOG.info("tuning on {} training and {} validation images", train.count(), validation.count());
    int[] counts = Arrays.stream(iterationCounts).sorted().distinct().toArray();
    int longest = counts[counts.length - 1];
    List<Result> results = new ArrayList<>();
    for (int[] sizes : architectures) {
      for (double lr : learningRates) {
        Sequential model = Networks.reluSigmoid(sizes).initialize(initializer, new NumpyRandom(seed));
        BinaryCrossEntropy loss = new BinaryCrossEntropy();
        long start = System.nanoTime();
        try {
          new Trainer(model, loss, new SGD(lr))
              .listener((i, cost) -> {
                // The listener runs after update i, so the model has had i + 1 updates.
                if (Arrays.binarySearch(counts, i + 1) >= 0) {
                  results.add(new Result(text(sizes), lr, i + 1,
                      Metrics.binaryAccuracy(model.predict(train.x()), train.y()),
                      Metrics.binaryAccuracy(model.predict(validation.x()), validation.y()),
                      loss.cost(model.predict(validation.x()), validation.y())));
                }
              })
              .fit(train.x(), train.y(), longest);
        } catch (TrainingException e) {
          LOG.warn("layers {} with learning rate {} diverged: {}", text(sizes), lr, e.getMessage());
        }
        LOG.info("layers {}, learning rate {}: {} iterations in {} ms", text(sizes), lr, longest,
            (System.nanoTime() - start) / 1_000_000);
      }
    }
    results.sort(Comparator.comparingDouble(Result::validationAccuracy).reversed()
        .thenComparingDouble(Result::validationCost));
    print(results, spec.commandLine().getOut());
    return 0;
  }

  private static void print(List<Result> results, PrintWriter out) {
    int w = "layers".length();
    for (Result r : results) {
      w = Math.max(w, r.layers().length());
    }
    String format = "%4s  %-" + w + "s  %13s  %10s  %9s  %14s  %15s%n";
    out.printf(Locale.ROOT, format, "rank", "layers", "learning rate", "iterations", "train acc", "validation acc",
        "validation cost");
    int rank = 1;
    for (Result r : results) {
      out.printf(Locale.ROOT, format, rank++, r.layers(), r.learningRate(), r.iterations(),
          String.format(Locale.ROOT, "%.4f", r.trainAccuracy()), String.format(Locale.ROOT, "%.4f", r.validationAccuracy()),
          String.format(Locale.ROOT, "%.6f", r.validationCost()));
    }
    out.flush();
  }

  private List<int[]> parseLayers() {
    List<String> lists = layerLists == null || layerLists.isEmpty() ? List.of(TrainCommand.DEFAULT_LAYERS) : layerLists;
    List<int[]> architectures = new ArrayList<>();
    for (String list : lists) {
      int[] sizes;
      try {
        sizes = Arrays.stream(list.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
      } catch (NumberFormatException e) {
        throw new ParameterException(spec.commandLine(), "--layers '" + list + "' is not a comma-separated list of sizes");
      }
      if (sizes.length < 2 || sizes[sizes.length - 1] != 1 || Arrays.stream(sizes).anyMatch(n -> n < 1)) {
        throw new ParameterException(spec.commandLine(), "--layers must be positive sizes, input first, ending in 1 "
            + "output, e.g. 12288,20,7,5,1; got " + list);
      }
      LayerSizes.requireOneNetwork(spec, sizes, "give --layers once per network");
      architectures.add(sizes);
    }
    return architectures;
  }

  private void validate() {
    if (seed < 0 || seed > 0xffffffffL) {
      throw new ParameterException(spec.commandLine(), "--seed must be 0 to 4294967295 (as NumPy's), got " + seed);
    }
    for (double lr : learningRates) {
      if (!(lr > 0) || !Double.isFinite(lr)) {
        throw new ParameterException(spec.commandLine(), "--learning-rates must all be positive, got " + lr);
      }
    }
    for (int n : iterationCounts) {
      if (n < 1) {
        throw new ParameterException(spec.commandLine(), "--iterations must all be at least 1, got " + n);
      }
    }
    if (!(validationSplit > 0 && validationSplit < 1)) {
      throw new ParameterException(spec.commandLine(), "--validation-split must be strictly between 0 and 1, got "
          + validationSplit);
    }
    if (folds < 0 || folds == 1) {
      throw new ParameterException(spec.commandLine(), "--folds must be at least 2, or 0 for one validation split, got "
          + folds);
    }
    if (folds > 0 && spec.commandLine().getParseResult().hasMatchedOption("--validation-split")) {
      throw new ParameterException(spec.commandLine(), "--folds and --validation-split are two ways of scoring; "
          + "give one");
    }
    try {
      Initializer.byName(init);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--init: " + e.getMessage());
    }
  }

  private static String text(int[] sizes) {
    return Arrays.stream(sizes).mapToObj(String::valueOf).collect(Collectors.joining(","));
  }
}
