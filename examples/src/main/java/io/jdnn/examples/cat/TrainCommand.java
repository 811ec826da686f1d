package io.jdnn.examples.cat;

import io.jdnn.core.kernel.Kernels;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.memory.Heap;
import io.jdnn.core.metrics.Metrics;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.EpochSummary;
import io.jdnn.core.training.History;
import io.jdnn.core.training.LearningRateSchedule;
import io.jdnn.core.training.Optimizer;
import io.jdnn.core.training.Trainer;
import io.jdnn.core.training.dataset.Dataset;
import io.jdnn.data.checkpoint.Checkpoint;
import io.jdnn.data.io.AtomicFiles;
import io.jdnn.data.model.ModelFile;
import io.jdnn.layers.Standardization;
import io.jdnn.optim.Momentum;
import io.jdnn.optim.SGD;
import io.jdnn.optim.Schedules;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jdnn-cat train}: the course's L-layer network trained by full-batch gradient descent,
 * printing the course's cost lines and the two accuracies on standard output; optionally saves
 * the model ({@code --save}) and writes the report pictures ({@code --report}).
 *
 * <p>Beyond the course, all off by default so that the defaults still print the course's numbers:
 * {@code --optimizer momentum|adam}, {@code --lr-schedule}, {@code --batch-size} (then the cost is
 * printed per epoch), {@code --epochs}, {@code --l2}, {@code --dropout KEEP}, the options of
 * {@link TrainingKitOptions} ({@code --batch-norm}, {@code --weight-decay}, {@code --clip-norm},
 * {@code --class-weights}),
 * {@code --validation-split} and {@code --early-stopping PATIENCE}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train [LINEAR->RELU]*(L-1) -> LINEAR->SIGMOID on the cat data, the course's way.")
final class TrainCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

  @Spec
  CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR|FILE.csv",
      description = "The training data: a folder with train_catvnoncat.h5 and test_catvnoncat.h5, a folder of"
          + " MNIST-format files (train-images-idx3-ubyte[.gz], ...; e.g. datasets/digits), or a CSV table with a"
          + " header row (then --label) (default: the course's images built into jdnn-cat, a copy of datasets/catvnoncat).")
  Path data;

  @Option(names = "--test-data", paramLabel = "FILE.csv",
      description = "For a CSV table: a second table with the same columns to report the test accuracy on.")
  Path testData;

  @Option(names = "--label", paramLabel = "NAME",
      description = "For a CSV table: the column holding the class (names or numbers); every other column is a"
          + " numeric feature.")
  String label;

  @Option(names = "--no-standardize",
      description = "For a CSV table: do not standardize the features (by default a Standardization layer,"
          + " saved with the model, scales each to the training rows' mean 0 and standard deviation 1).")
  boolean noStandardize;

  /** The course's 4-layer network, which tune also tries by default. */
  static final String DEFAULT_LAYERS = "12288,20,7,5,1";

  @Option(names = "--layers", paramLabel = "SIZES", split = ",", defaultValue = DEFAULT_LAYERS,
      description = "Layer sizes, input first, ending in 1 output for two classes or one per class (default:"
          + " ${DEFAULT-VALUE} for the cat images, 784,128,10 for digits, FEATURES,16,OUTPUTS for a table).")
  int[] layers;

  @Option(names = "--iterations", defaultValue = "2500", description = "Gradient-descent steps (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--learning-rate", defaultValue = "0.0075", description = "Step size (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--init", defaultValue = "lecun",
      description = "Weight initialisation: lecun (randn/sqrt(n_prev)), small (randn*0.01), he (randn*sqrt(2/n_prev)), "
          + "xavier or xavier-uniform (default: ${DEFAULT-VALUE}).")
  String init;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the NumPy-compatible generator (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--print-every", defaultValue = "100", description = "Print the cost every N iterations (default: ${DEFAULT-VALUE}).")
  int printEvery;

  @Option(names = "--save", paramLabel = "FILE",
      description = "Save the trained model to this HDF5 file (W1, b1, ... with the course's shapes); missing folders"
          + " are created. Checked before training: a path that cannot be written stops the command at once.")
  Path save;

  @Option(names = "--report", paramLabel = "DIR",
      description = "Write cost.png, mislabeled.png, metrics.txt and costs.csv into this folder.")
  Path report;

  @Option(names = "--optimizer", defaultValue = "sgd",
      description = "sgd, momentum (beta 0.9) or adam (beta1 0.9, beta2 0.999, epsilon 1e-8) (default: ${DEFAULT-VALUE}). "
          + "Adam on the raw 12288 inputs wants --learning-rate around 1e-5..1e-4.")
  String optimizer;

  @Option(names = "--lr-schedule", paramLabel = "SPEC", defaultValue = "constant",
      description = "Learning-rate schedule over optimizer steps: " + Schedules.FORMS + " (default: ${DEFAULT-VALUE}).")
  String lrSchedule;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "0",
      description = "Mini-batch size, reshuffled every epoch from --seed; 0 means the full batch (default: ${DEFAULT-VALUE}). "
          + "With mini-batches the cost is printed per epoch (every --print-every epochs).")
  int batchSize;

  @Option(names = "--epochs", paramLabel = "N",
      description = "Passes over the training data (default: --iterations; with the full batch one epoch is one iteration).")
  Integer epochs;

  @Option(names = "--l2", paramLabel = "LAMBDA", defaultValue = "0",
      description = "L2 regularisation strength: cost + LAMBDA/(2m) sum W^2, weights only (default: ${DEFAULT-VALUE}).")
  double l2;

  @Option(names = "--dropout", paramLabel = "KEEP", defaultValue = "1",
      description = "Keep probability of inverted dropout after each hidden ReLU; 1 means no dropout (default: ${DEFAULT-VALUE}).")
  double dropout;

  @Option(names = "--validation-split", paramLabel = "FRACTION", defaultValue = "0",
      description = "Hold out this fraction of the training images (seeded by --seed) and score it every epoch; "
          + "0 means none (default: ${DEFAULT-VALUE}).")
  double validationSplit;

  @Option(names = "--early-stopping", paramLabel = "PATIENCE", defaultValue = "0",
      description = "Stop after PATIENCE epochs without a lower validation cost (training cost without "
          + "--validation-split) and restore the best weights; 0 means never (default: ${DEFAULT-VALUE}).")
  int earlyStopping;

  @Mixin
  TrainingKitOptions kit;

  @Mixin
  CheckpointOptions checkpoints;

  @Override
  public Integer call() {
    validate();
    checkpoints.validate(spec);
    Checkpoint resumed = checkpoints.read(spec);
    Initializer initializer = Initializer.byName(init);
    long start = System.nanoTime();
    Kernels.get(); // first, so that the kernel's warm-up runs while the data loads
    if (data != null) {
      checkSaveIsNotAnInput(data);
    }
    TrainingData d = openData(data);
    int[] sizes = spec.commandLine().getParseResult().hasMatchedOption("--layers") ? layers : d.defaultLayers();
    String misfit = d.misfit(sizes);
    if (misfit != null) {
      throw new ParameterException(spec.commandLine(), misfit);
    }
    LOG.info("loaded {} in {} ms", d.describe(), (System.nanoTime() - start) / 1_000_000);

    checkMemory(sizes, d.train.count());
    // The split Trainer.validationSplit would make, made here so that the accuracies, the
    // standardization and the report are of the examples trained on.
    Dataset.Split split = validationSplit > 0 ? d.train.split(validationSplit, seed) : null;
    Dataset fit = split != null ? split.train() : d.train;
    Standardization standardization = d.kind == TrainingData.Kind.TABLE && !noStandardize
        ? Standardization.fit(fit.x()) : null;
    Sequential model = d.network(sizes, dropout, seed, standardization, kit.batchNorm())
        .initialize(initializer, new NumpyRandom(seed));
    PrintWriter out = spec.commandLine().getOut();
    int passes = epochs != null ? epochs : iterations;
    boolean perEpoch = batchSize > 0 && batchSize < fit.count();
    String unit = perEpoch ? "epoch" : "iteration";
    Trainer trainer = new Trainer(model, kit.weigh(d.loss(), fit.y()), optimizer(learningRate))
        .batchSize(batchSize).shuffleSeed(seed).l2(l2).earlyStopping(earlyStopping);
    kit.configure(trainer);
    if (split != null) {
      trainer.validation(split.validation().x(), split.validation().y());
    }
    checkpoints.attach(spec, trainer, model, d, d.where(), resumed);
    IntPredicate printsAt = i -> i % printEvery == 0 || i == passes - 1;
    long trainStart = System.nanoTime();
    History history;
    try (TrainingProgress progress = TrainingProgress.start(expectedSteps(fit.count(), passes))) {
      if (perEpoch) {
        trainer.epochListener(e -> {
          if (printsAt.test(e.epoch())) {
            progress.beforeOutputLine();
            printCost(out, unit, e.epoch(), e.trainCost());
          }
        });
      } else {
        trainer.listener((i, cost) -> {
          if (printsAt.test(i)) {
            progress.beforeOutputLine();
            printCost(out, unit, i, cost);
          }
        });
      }
      trainer.listener(progress);
      trainer.epochListener(e -> {
        if (e.hasValidation()) {
          LOG.debug("epoch {}: validation cost {}, accuracy {}", e.epoch(), e.validationCost(), e.validationAccuracy());
        }
      });
      LOG.info("training {} with {}", model, trainer);
      history = trainer.fit(fit.x(), fit.y(), passes);
    }
    // Early stopping ends before the planned last line: print the last one trained, so that the
    // printed lines always end with the final cost.
    int lastIndex = perEpoch ? history.epochs().size() - 1 : history.costs().length - 1;
    // (Every index printsAt accepts was printed by the listener, in this run or, resumed, in the
    // run that wrote the checkpoint: a resumed finished run prints no cost line again.)
    if (!printsAt.test(lastIndex)) {
      printCost(out, unit, lastIndex, perEpoch ? history.last().trainCost() : history.costs()[lastIndex]);
    }
    // The report's lines are those of the whole run, from the history: a run resumed from a
    // checkpoint printed only its own part, but its history holds every cost since iteration 0.
    List<TrainingReport.Printed> reported = printedLines(history, perEpoch, printsAt, lastIndex);
    long trainNanos = System.nanoTime() - trainStart;
    int steps = history.costs().length;
    LOG.info("trained {} iterations in {} ms ({} ms per iteration)", steps, trainNanos / 1_000_000,
        String.format("%.3f", trainNanos / 1e6 / steps));
    if (history.stoppedEarly()) {
      out.println("Early stopping after epoch " + (history.epochs().size() - 1) + ": restored the weights of epoch "
          + history.bestEpoch());
    }
    // The weights are the best epoch's after early stopping, else the last epoch's.
    EpochSummary scored = history.stoppedEarly() ? history.best() : history.last();
    if (scored.hasValidation()) {
      out.println("Validation accuracy: " + scored.validationAccuracy());
    }

    out.println("Train accuracy: " + Metrics.accuracy(model.predict(fit.x()), fit.y()));
    if (d.test != null) {
      out.println("Test accuracy: " + Metrics.accuracy(model.predict(d.test.x()), d.test.y()));
    }
    out.flush();
    if (save != null) {
      ModelFile.save(model, save);
      LOG.info("saved the model to {}", save);
    }
    if (report != null) {
      TrainingReport.Run run = new TrainingReport.Run(settings(sizes, fit, split, history, d.kind.examples), unit, printEvery, reported,
          history, fit, split == null ? null : split.validation());
      TrainingReport.write(report, run, learningRate, model, d.cats);
      LOG.info("wrote {}, {}, {} and {} to {}", TrainingReport.COST_PLOT, TrainingReport.MISLABELED,
          TrainingReport.METRICS, TrainingReport.COSTS, report);
    }
    return 0;
  }

  /**
   * The data of {@code --data}, with {@code --test-data} and {@code --label}; options that do not fit
   * the kind of data are usage errors (exit 2), bad files failures (exit 1).
   */
  private TrainingData openData(Path dir) {
    TrainingData d;
    try {
      d = TrainingData.open(dir, testData, label);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    if (noStandardize && d.kind != TrainingData.Kind.TABLE) {
      throw new ParameterException(spec.commandLine(), "--no-standardize is for CSV tables; the " + d.kind.examples
          + " in " + d.where() + " are scaled to [0, 1] already");
    }
    if (report != null && d.cats == null) {
      throw new ParameterException(spec.commandLine(), "--report draws the cat images' pictures; it does not work on the"
          + " " + d.kind.examples + " of " + d.where() + " yet");
    }
    return d;
  }

  /**
   * The cost lines the whole run printed (or, resumed, would have printed): every index
   * {@code printsAt} accepts, and the last one trained.
   */
  private static List<TrainingReport.Printed> printedLines(History history, boolean perEpoch, IntPredicate printsAt,
      int lastIndex) {
    List<TrainingReport.Printed> lines = new ArrayList<>();
    for (int i = 0; i <= lastIndex; i++) {
      if (printsAt.test(i) || i == lastIndex) {
        lines.add(new TrainingReport.Printed(i, perEpoch ? history.epochs().get(i).trainCost() : history.costs()[i]));
      }
    }
    return lines;
  }

  private static void printCost(PrintWriter out, String unit, int index, double cost) {
    out.println("Cost after " + unit + " " + index + ": " + cost);
  }

  /** The report's settings: everything that decided the numbers, as "name: value" lines. */
  private List<String> settings(int[] sizes, Dataset fit, Dataset.Split split, History history, String examples) {
    List<String> lines = new ArrayList<>();
    lines.add("layers: " + LayerSizes.text(sizes));
    lines.add("init: " + init + ", seed: " + seed);
    lines.add("optimizer: " + optimizer + ", learning rate: " + learningRate + ", schedule: " + lrSchedule);
    lines.add("batch size: " + (batchSize > 0 && batchSize < fit.count() ? batchSize + " (reshuffled every epoch)"
        : "full (" + fit.count() + " " + examples + ")"));
    lines.add("l2: " + l2 + ", dropout keep probability: " + dropout + ", weight decay: " + kit.weightDecay
        + ", clip norm: " + kit.clipNorm);
    lines.add("validation split: " + (split == null ? "none" : validationSplit + " (" + split.validation().count()
        + " of the " + (fit.count() + split.validation().count()) + " training " + examples + " held out, seeded by --seed)"));
    lines.add("early stopping: " + (earlyStopping == 0 ? "off"
        : "patience " + earlyStopping + " epochs; " + (history.stoppedEarly()
            ? "stopped after epoch " + (history.epochs().size() - 1) + ", restored the weights of epoch "
                + history.bestEpoch()
            : "did not stop early")));
    return lines;
  }

  /** Optimizer steps the run will take if it does not stop early, for the progress bar. */
  private int expectedSteps(int m, int passes) {
    int trainCount = validationSplit > 0
        ? m - (int) Math.min(m - 1, Math.max(1, Math.round(validationSplit * m))) : m;
    int perEpoch = batchSize > 0 && batchSize < trainCount ? (trainCount + batchSize - 1) / batchSize : 1;
    return (int) Math.min(Integer.MAX_VALUE, (long) passes * perEpoch);
  }

  private void validate() {
    if (layers.length < 2 || Arrays.stream(layers).anyMatch(n -> n < 1)) {
      throw new ParameterException(spec.commandLine(), "--layers must be at least two positive sizes, input first, "
          + "e.g. 12288,20,7,5,1 or 784,128,10; got " + TrainingData.join(layers));
    }
    if (layers[layers.length - 1] == 2) {
      // Known before any data is read: no data takes 2 outputs.
      throw new ParameterException(spec.commandLine(), "--layers ends in 2 outputs, which fits no data: two classes"
          + " take 1 output (the probability of the second), more classes one output each; got "
          + TrainingData.join(layers));
    }
    LayerSizes.requireOneNetwork(spec, layers, "train trains one network (tune compares several)");
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
    if (!List.of("sgd", "momentum", "adam").contains(optimizer)) {
      throw new ParameterException(spec.commandLine(), "--optimizer must be sgd, momentum or adam, got '" + optimizer + "'");
    }
    try {
      Schedules.parse(lrSchedule, learningRate);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--lr-schedule: " + e.getMessage());
    }
    if (batchSize < 0) {
      throw new ParameterException(spec.commandLine(), "--batch-size must be at least 1, or 0 for the full batch, got "
          + batchSize);
    }
    if (epochs != null && epochs < 1) {
      throw new ParameterException(spec.commandLine(), "--epochs must be at least 1, got " + epochs);
    }
    if (epochs != null && spec.commandLine().getParseResult().hasMatchedOption("--iterations")) {
      throw new ParameterException(spec.commandLine(), "--iterations and --epochs both say how long to train; give one"
          + " (an epoch is one pass over the images: one iteration with the full batch, several with --batch-size)");
    }
    if (!(l2 >= 0) || !Double.isFinite(l2)) {
      throw new ParameterException(spec.commandLine(), "--l2 must be at least 0, got " + l2);
    }
    if (!(dropout > 0 && dropout <= 1)) {
      throw new ParameterException(spec.commandLine(), "--dropout is the keep probability, in (0, 1], got " + dropout);
    }
    if (!(validationSplit >= 0 && validationSplit < 1)) {
      throw new ParameterException(spec.commandLine(), "--validation-split must be in [0, 1), got " + validationSplit);
    }
    if (earlyStopping < 0) {
      throw new ParameterException(spec.commandLine(), "--early-stopping must be at least 0 epochs, got " + earlyStopping);
    }
    kit.validate(optimizer);
    if (seed < 0 || seed > 0xffffffffL) {
      throw new ParameterException(spec.commandLine(), "--seed must be 0 to 4294967295 (as NumPy's), got " + seed);
    }
    // Checked before training, so that a long run is not lost to a typo at the end.
    OutputChecks.writableFile(spec, "--save", save);
    OutputChecks.writableFolder(spec, "--report", report);
    String refusal = save == null ? null : AtomicFiles.refusal(save);
    if (refusal != null) {
      throw new ParameterException(spec.commandLine(), "--save " + save + " " + refusal);
    }
  }

  /** --save onto the run's own data would replace the training data with a model: refused. */
  private void checkSaveIsNotAnInput(Path dir) {
    if (save == null || !Files.exists(save)) {
      return;
    }
    List<Path> inputs = new java.util.ArrayList<>();
    if (testData != null) {
      inputs.add(testData);
    }
    if (Files.isDirectory(dir)) {
      try (var files = Files.list(dir)) {
        files.forEach(inputs::add);
      } catch (java.io.IOException e) {
        throw new UncheckedIOException("cannot list --data " + dir + ": " + e.getMessage(), e);
      }
    } else {
      inputs.add(dir);
    }
    for (Path input : inputs) {
      try {
        if (Files.exists(input) && Files.isSameFile(save, input)) {
          throw new ParameterException(spec.commandLine(), "--save " + save + " is " + input + ", this run's own "
              + "data; saving there would replace the data with the model: give another file name");
        }
      } catch (java.io.IOException e) {
        throw new UncheckedIOException("cannot compare --save " + save + " with " + input + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * The sizes of --layers, checked against the usable heap before anything is built: weights and
   * biases with their gradients and the optimizer's state, and per layer the activations the
   * forward and backward passes keep for the examples of a batch (Z, A, dZ and dA; a dropout mask).
   * A 12288,100000,1 network is then a message saying how much it needs, not an OutOfMemoryError.
   */
  private void checkMemory(int[] layers, int examples) {
    int batch = batchSize > 0 && batchSize < examples ? batchSize : examples;
    long slots = 2 + ("adam".equals(optimizer) ? 2 : "momentum".equals(optimizer) ? 1 : 0);
    long parameters = 0;
    long activations = 0;
    for (int l = 1; l < layers.length; l++) {
      parameters = Heap.sum(parameters, Heap.bytes(layers[l], layers[l - 1]), layers[l]);
      activations = Heap.sum(activations, Heap.bytes(layers[l], batch, 5));
    }
    long needed = Heap.bytes(Double.BYTES, Heap.sum(Heap.bytes(parameters, slots), activations));
    String refusal = Heap.refusal(needed);
    if (refusal != null) {
      throw new ParameterException(spec.commandLine(), "--layers " + Arrays.toString(layers).replaceAll("[\\[\\] ]", "")
          + " (" + parameters + " parameters, " + batch + " examples per batch) " + refusal);
    }
  }

  private Optimizer optimizer(double rate) {
    LearningRateSchedule schedule = Schedules.parse(lrSchedule, rate);
    switch (optimizer) {
      case "momentum":
        return new Momentum(schedule, 0.9);
      case "adam":
        return kit.adam(schedule);
      default:
        return new SGD(schedule);
    }
  }

}
