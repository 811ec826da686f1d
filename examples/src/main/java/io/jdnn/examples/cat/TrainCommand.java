package io.jdnn.examples.cat;

import io.jdnn.core.kernel.Kernels;
import io.jdnn.core.math.NumpyRandom;
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
import io.jdnn.data.images.CatVsNonCat;
import io.jdnn.data.model.ModelFile;
import io.jdnn.layers.Networks;
import io.jdnn.losses.BinaryCrossEntropy;
import io.jdnn.optim.Momentum;
import io.jdnn.optim.SGD;
import io.jdnn.optim.Schedules;
import java.io.PrintWriter;
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
 * {@link TrainingKitOptions} ({@code --weight-decay}, {@code --clip-norm}),
 * {@code --validation-split} and {@code --early-stopping PATIENCE}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train [LINEAR->RELU]*(L-1) -> LINEAR->SIGMOID on the cat data, the course's way.")
final class TrainCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

  @Spec
  CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR", description = CatData.OPTION_HELP)
  Path data;

  /** The course's 4-layer network, which tune also tries by default. */
  static final String DEFAULT_LAYERS = "12288,20,7,5,1";

  @Option(names = "--layers", paramLabel = "SIZES", split = ",", defaultValue = DEFAULT_LAYERS,
      description = "Layer sizes, input first (default: ${DEFAULT-VALUE}).")
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
    Kernels.get(); // first, so that the kernel's warm-up runs while the images load
    CatVsNonCat cats = CatData.load(data);
    if (layers[0] != cats.train().x().rows()) {
      throw new ParameterException(spec.commandLine(), "--layers starts with " + layers[0] + " inputs but the images in "
          + CatData.describe(data) + " have " + cats.train().x().rows() + " values each");
    }
    LOG.info("loaded {} training and {} test images from {} in {} ms", cats.train().count(), cats.test().count(), CatData.describe(data),
        (System.nanoTime() - start) / 1_000_000);

    Sequential model = Networks.reluSigmoidWithDropout(dropout, seed, layers).initialize(initializer, new NumpyRandom(seed));
    PrintWriter out = spec.commandLine().getOut();
    int passes = epochs != null ? epochs : iterations;
    // The split Trainer.validationSplit would make, made here so that the accuracies and the
    // report are of the images trained on.
    Dataset all = new Dataset(cats.train().x(), cats.train().y());
    Dataset.Split split = validationSplit > 0 ? all.split(validationSplit, seed) : null;
    Dataset fit = split != null ? split.train() : all;
    boolean perEpoch = batchSize > 0 && batchSize < fit.count();
    String unit = perEpoch ? "epoch" : "iteration";
    List<TrainingReport.Printed> printed = new ArrayList<>();
    Trainer trainer = new Trainer(model, new BinaryCrossEntropy(), optimizer(learningRate))
        .batchSize(batchSize).shuffleSeed(seed).l2(l2).earlyStopping(earlyStopping);
    kit.configure(trainer);
    if (split != null) {
      trainer.validation(split.validation().x(), split.validation().y());
    }
    checkpoints.attach(spec, trainer, model, cats, CatData.describe(data), resumed);
    IntPredicate printsAt = i -> i % printEvery == 0 || i == passes - 1;
    long trainStart = System.nanoTime();
    History history;
    try (TrainingProgress progress = TrainingProgress.start(expectedSteps(cats.train().count(), passes))) {
      if (perEpoch) {
        trainer.epochListener(e -> {
          if (printsAt.test(e.epoch())) {
            progress.beforeOutputLine();
            printCost(out, unit, e.epoch(), e.trainCost(), printed);
          }
        });
      } else {
        trainer.listener((i, cost) -> {
          if (printsAt.test(i)) {
            progress.beforeOutputLine();
            printCost(out, unit, i, cost, printed);
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
    printed.addAll(0, CheckpointOptions.printedBefore(resumed, printed, history, perEpoch, printsAt));
    // Early stopping ends before the planned last line: print the last one trained, so that the
    // printed lines always end with the final cost.
    int lastIndex = perEpoch ? history.epochs().size() - 1 : history.costs().length - 1;
    if (printed.get(printed.size() - 1).index() != lastIndex) {
      printCost(out, unit, lastIndex, perEpoch ? history.last().trainCost() : history.costs()[lastIndex], printed);
    }
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

    out.println("Train accuracy: " + Metrics.binaryAccuracy(model.predict(fit.x()), fit.y()));
    out.println("Test accuracy: " + Metrics.binaryAccuracy(model.predict(cats.test().x()), cats.test().y()));
    out.flush();
    if (save != null) {
      ModelFile.save(model, save);
      LOG.info("saved the model to {}", save);
    }
    if (report != null) {
      TrainingReport.Run run = new TrainingReport.Run(settings(fit, split, history), unit, printEvery, printed, history,
          fit, split == null ? null : split.validation());
      TrainingReport.write(report, run, learningRate, model, cats);
      LOG.info("wrote {}, {}, {} and {} to {}", TrainingReport.COST_PLOT, TrainingReport.MISLABELED,
          TrainingReport.METRICS, TrainingReport.COSTS, report);
    }
    return 0;
  }

  private static void printCost(PrintWriter out, String unit, int index, double cost,
      List<TrainingReport.Printed> printed) {
    out.println("Cost after " + unit + " " + index + ": " + cost);
    printed.add(new TrainingReport.Printed(index, cost));
  }

  /** The report's settings: everything that decided the numbers, as "name: value" lines. */
  private List<String> settings(Dataset fit, Dataset.Split split, History history) {
    List<String> lines = new ArrayList<>();
    lines.add("layers: " + LayerSizes.text(layers));
    lines.add("init: " + init + ", seed: " + seed);
    lines.add("optimizer: " + optimizer + ", learning rate: " + learningRate + ", schedule: " + lrSchedule);
    lines.add("batch size: " + (batchSize > 0 && batchSize < fit.count() ? batchSize + " (reshuffled every epoch)"
        : "full (" + fit.count() + " images)"));
    lines.add("l2: " + l2 + ", dropout keep probability: " + dropout + ", weight decay: " + kit.weightDecay
        + ", clip norm: " + kit.clipNorm);
    lines.add("validation split: " + (split == null ? "none" : validationSplit + " (" + split.validation().count()
        + " of the " + (fit.count() + split.validation().count()) + " training images held out, seeded by --seed)"));
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
    if (layers.length < 2 || layers[layers.length - 1] != 1 || Arrays.stream(layers).anyMatch(n -> n < 1)) {
      throw new ParameterException(spec.commandLine(), "--layers must be positive sizes, input first, ending in 1 "
          + "output, e.g. 12288,20,7,5,1; got " + Arrays.toString(layers).replaceAll("[\\[\\] ]", ""));
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
    // Checked before training, so that a long run is not lost to a typo at the end.
    OutputChecks.writableFile(spec, "--save", save);
    OutputChecks.writableFolder(spec, "--report", report);
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
