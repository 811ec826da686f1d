package io.jdnn.core.training;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.metrics.Metrics;
import io.jdnn.core.nn.Layer;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.dataset.Batch;
import io.jdnn.core.training.dataset.BatchSource;
import io.jdnn.core.training.dataset.Checks;
import io.jdnn.core.training.dataset.Dataset;
import io.jdnn.core.training.dataset.MiniBatches;
import io.jdnn.core.training.loss.Loss;
import io.jdnn.core.training.state.IncompatibleStateException;
import io.jdnn.core.training.state.Stateful;
import io.jdnn.core.training.state.TrainingState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The training loop: for each epoch, for each batch, forward pass, cost, backward pass, one
 * optimizer step (a {@link Objective} then {@link Optimizer#step}).
 *
 * <p><b>Defaults are the course's.</b> One full batch, in order, no regularisation, no validation:
 * {@code fit(x, y, 2500)} is the course's 2500 iterations of gradient descent, bit for bit.
 * Options, each off by default:
 * <ul>
 *   <li>{@link #batchSize} mini-batches, reshuffled every epoch from {@link #shuffleSeed};
 *   <li>{@link #l2} regularisation: {@code + lambda/(2m) sum ||W||^2} on weights only;
 *   <li>{@link #clipNorm}: gradients scaled down to a global norm before each step
 *       ({@link GradientClipping});
 *   <li>{@link #validation} data, or a seeded {@link #validationSplit} of the training data,
 *       scored after every epoch;
 *   <li>{@link #earlyStopping}: stop after {@code patience} epochs without a lower monitored cost
 *       (validation cost, else training cost) and restore the best epoch's weights;
 *   <li>{@link #listener} for every iteration's cost, {@link #epochListener} for every epoch;
 *   <li>{@link #checkpoints}: the run's whole {@link TrainingState} after every N-th epoch and at
 *       the end, and {@link #resumeFrom} such a state: the resumed run continues exactly as the
 *       uninterrupted one, bit for bit (see below).
 * </ul>
 *
 * <p><b>Checkpoints.</b> A state holds the weights ({@code model.W1, model.b1, ...}), the
 * optimizer's state (moments, velocities, step count, hence the schedule's position), the state of
 * every {@link Stateful} layer (dropout's random stream) and of a {@link Stateful} batch source (the
 * shuffling's stream), and the run's own ({@code trainer.*}): iterations and epochs done, every
 * cost and epoch summary so far, early stopping's best cost, epoch and weights, and the settings,
 * including a fingerprint of the data given to {@link #fit(Matrix, Matrix, int)}. The validation
 * split is drawn again from its seed on resuming; the fingerprint makes sure it is drawn from the
 * same data. Resuming with other settings, another model or other data is refused with an
 * {@link IncompatibleStateException} naming the setting. The optimizer must implement
 * {@link Stateful}; layers and batch sources that do not are taken to keep nothing between epochs
 * beyond the model's parameters (a source may depend on the epoch number it is given).
 *
 * <p><b>Input.</b> Data in memory is checked before the first step ({@link Checks}): x and y
 * with different example counts, NaN or infinity in either (naming the first bad feature and
 * example), and labels the loss cannot take (binary cross-entropy: 0 or 1) are refused with an
 * {@link IllegalArgumentException}.
 *
 * <p><b>Guard.</b> A cost or gradient that is NaN or infinite stops training with a
 * {@link TrainingException} naming the iteration, the epoch and the layer (and parameter) where it
 * appeared; the weights are then those that produced it (no update is applied).
 *
 * <p>After the first epoch the loop allocates nothing per batch: layers, the loss gradient and
 * the batch source reuse their buffers. Scoring the validation set once per epoch allocates.
 *
 * <pre>{@code
 * History h = new Trainer(model, new BinaryCrossEntropy(), new Adam(1e-4))
 *     .batchSize(64).shuffleSeed(1).l2(0.1)
 *     .validationSplit(0.2, 1).earlyStopping(10)
 *     .checkpoints(10, (state, epoch) -> CheckpointFile.write(file, model, state))
 *     .fit(x, y, 200);
 * // after a crash, the same trainer settings and:
 * trainer.resumeFrom(CheckpointFile.read(file, model).state()).fit(x, y, 200);
 * }</pre>
 */
public final class Trainer {
  private final Sequential model;
  private final Loss loss;
  private final Optimizer optimizer;
  private final List<TrainingListener> listeners = new ArrayList<>();
  private final List<EpochListener> epochListeners = new ArrayList<>();
  private int batchSize;
  private long shuffleSeed;
  private double l2;
  private double clipNorm;
  private Dataset validation;
  private double validationFraction;
  private long validationSeed;
  private int patience;
  private boolean restoreBest = true;
  private int checkpointEvery;
  private CheckpointListener checkpointListener;
  private TrainingState resumeState;

  public Trainer(Sequential model, Loss loss, Optimizer optimizer) {
    this.model = Objects.requireNonNull(model, "model");
    this.loss = Objects.requireNonNull(loss, "loss");
    this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
  }

  /** Adds a listener told of every iteration's cost; returns this trainer. */
  public Trainer listener(TrainingListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Adds a listener told of every epoch's summary; returns this trainer. */
  public Trainer epochListener(EpochListener listener) {
    epochListeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Mini-batches of {@code size} examples; 0 (the default) means one full batch. */
  public Trainer batchSize(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("batch size must be at least 1, or 0 for the full batch, got " + size);
    }
    this.batchSize = size;
    return this;
  }

  /** The seed of the per-epoch shuffling of mini-batches (default 0); full batches stay in order. */
  public Trainer shuffleSeed(long seed) {
    this.shuffleSeed = seed;
    return this;
  }

  /** L2 strength lambda (default 0, none): cost {@code + lambda/(2m) sum ||W||^2}, {@code dW += lambda/m W}. */
  public Trainer l2(double lambda) {
    Checks.l2Strength(lambda);
    this.l2 = lambda;
    return this;
  }

  /**
   * Clips the gradients by global norm before every optimizer step: when the norm of all the
   * gradients together exceeds {@code maxNorm}, they are all scaled by {@code maxNorm / norm}
   * ({@link GradientClipping}). 0 (the default) never clips. The NaN guard runs first.
   */
  public Trainer clipNorm(double maxNorm) {
    if (!(maxNorm >= 0) || !Double.isFinite(maxNorm)) {
      throw new IllegalArgumentException("the clipping norm must be finite and positive, or 0 for none, got " + maxNorm);
    }
    this.clipNorm = maxNorm;
    return this;
  }

  /** Scores {@code x}, {@code y} after every epoch (replaces any {@link #validationSplit}). */
  public Trainer validation(Matrix x, Matrix y) {
    this.validation = new Dataset(x, y);
    this.validationFraction = 0;
    return this;
  }

  /**
   * Holds out a seeded {@code fraction} of the training examples for validation (see
   * {@link Dataset#split}) when training from matrices; replaces any explicit {@link #validation}.
   */
  public Trainer validationSplit(double fraction, long seed) {
    Checks.validationFraction(fraction);
    this.validationFraction = fraction;
    this.validationSeed = seed;
    this.validation = null;
    return this;
  }

  /**
   * Stops when the monitored cost (validation cost, else training cost) has not improved for
   * {@code patience} epochs, and (unless {@link #restoreBestWeights} is false) restores the
   * weights of the best epoch. 0 (the default) never stops early.
   */
  public Trainer earlyStopping(int patience) {
    if (patience < 0) {
      throw new IllegalArgumentException("early-stopping patience must be at least 0 epochs, got " + patience);
    }
    this.patience = patience;
    return this;
  }

  /** Whether early stopping puts back the best epoch's weights (default true). */
  public Trainer restoreBestWeights(boolean restore) {
    this.restoreBest = restore;
    return this;
  }

  /**
   * Hands the run's whole state to {@code listener} after every {@code everyEpochs}-th epoch (with
   * full batches, every {@code everyEpochs} iterations) and once when training ends, early or not.
   *
   * @throws IllegalArgumentException when {@code everyEpochs < 1}
   * @throws IllegalStateException when the optimizer does not implement {@link Stateful}
   */
  public Trainer checkpoints(int everyEpochs, CheckpointListener listener) {
    if (everyEpochs < 1) {
      throw new IllegalArgumentException("checkpoints must come every 1 or more epochs, got " + everyEpochs);
    }
    requireStatefulOptimizer();
    this.checkpointEvery = everyEpochs;
    this.checkpointListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Makes the next {@code fit} call continue from {@code state} (as a {@link CheckpointListener}
   * got it) instead of starting afresh: the model's weights, the optimizer, the layers, the batch
   * source and the run's records are put back before the first step, and training goes on from
   * the epoch after the state's to the {@code epochs} that call asks for. This trainer, its model
   * and optimizer must have the settings the state was saved with.
   *
   * @throws IllegalStateException when the optimizer does not implement {@link Stateful}
   */
  public Trainer resumeFrom(TrainingState state) {
    requireStatefulOptimizer();
    this.resumeState = Objects.requireNonNull(state, "state");
    return this;
  }

  private void requireStatefulOptimizer() {
    if (!(optimizer instanceof Stateful)) {
      throw new IllegalStateException("checkpoints need an optimizer that saves its state (implements Stateful); "
          + optimizer + " does not");
    }
  }

  /**
   * Trains on {@code x} ({@code features x m}) against {@code y} ({@code outputs x m}) for
   * {@code epochs} epochs; with the default full batch an epoch is one iteration.
   *
   * @return the history: the cost of every iteration (before its update), every epoch's summary
   */
  public History fit(Matrix x, Matrix y, int epochs) {
    // The boundary checks (Checks): refused before any step, naming what and where.
    Checks.atLeastOne(epochs, "iterations (epochs)");
    Checks.sameExampleCount(x, y);
    Checks.finite(x, "x");
    loss.checkLabels(y, "y"); // first, so a NaN label is named as a label the loss cannot take
    Checks.finite(y, "y");
    Dataset all = new Dataset(x, y);
    Dataset trainSet = all;
    Dataset validationSet = validation;
    if (validationFraction > 0) {
      Dataset.Split split = all.split(validationFraction, validationSeed);
      trainSet = split.train();
      validationSet = split.validation();
    }
    BatchSource source = batchSize == 0 || batchSize >= trainSet.count()
        ? MiniBatches.fullBatch(trainSet)
        : new MiniBatches(trainSet, batchSize, shuffleSeed);
    String data = checkpointListener != null || resumeState != null ? TrainingState.fingerprint(x, y) : "";
    return run(source, validationSet, epochs, data);
  }

  /**
   * Trains on the batches of {@code source} for {@code epochs} epochs, scoring the explicit
   * {@link #validation} set, if any, after each.
   */
  public History fit(BatchSource source, int epochs) {
    if (validationFraction > 0) {
      throw new IllegalStateException("a validation split needs the data in memory: call fit(x, y, epochs), "
          + "or give an explicit validation set");
    }
    return run(source, validation, epochs, "");
  }

  /** {@code data}: the fingerprint of the data in memory, or empty when it comes from a source. */
  private History run(BatchSource source, Dataset validationSet, int epochs, String data) {
    Checks.atLeastOne(epochs, "iterations (epochs)");
    Objective pass = new Objective(model, loss, l2);
    List<Parameter> parameters = model.parameters();
    // Each parameter with the number of its layer, gathered once: the guard then allocates nothing.
    Parameter[] guarded = parameters.toArray(new Parameter[0]);
    int[] owners = new int[guarded.length];
    for (int l = 0, k = 0; l < model.layers().size(); l++) {
      for (int n = model.layers().get(l).parameters().size(); n > 0; n--) {
        owners[k++] = l;
      }
    }
    optimizer.initialize(parameters);
    RunState run = new RunState(epochs);
    Map<String, String> settings = settings(validationSet, data);
    if (resumeState != null) {
      TrainingState state = resumeState;
      resumeState = null; // a state resumes one run
      restore(state, run, source, settings, epochs);
    }
    for (int epoch = run.epochsRun; epoch < epochs && !run.stoppedEarly; epoch++) {
      source.startEpoch(epoch);
      double costSum = 0;
      long examples = 0;
      while (source.hasNext()) {
        Batch batch = source.next();
        double cost = pass.run(batch.x(), batch.y());
        if (!Double.isFinite(cost)) {
          throw new TrainingException(nonFiniteCost(cost, run.iteration, epoch, batch));
        }
        checkGradients(guarded, owners, run.iteration, epoch);
        if (clipNorm > 0) {
          GradientClipping.clipByGlobalNorm(parameters, clipNorm);
        }
        optimizer.step(parameters);
        run.record(cost);
        costSum += cost * batch.size();
        examples += batch.size();
        for (int k = 0; k < listeners.size(); k++) {
          listeners.get(k).onIteration((int) (run.iteration - 1), cost);
        }
      }
      double trainCost = costSum / examples;
      double validationCost = Double.NaN;
      double validationAccuracy = Double.NaN;
      if (validationSet != null) {
        validationCost = pass.cost(validationSet.x(), validationSet.y());
        validationAccuracy = Metrics.accuracy(model.predict(validationSet.x()), validationSet.y());
      }
      run.epochEnds[epoch] = run.iteration;
      run.trainCosts[epoch] = trainCost;
      run.validationCosts[epoch] = validationCost;
      run.validationAccuracies[epoch] = validationAccuracy;
      run.epochsRun = epoch + 1;
      if (!epochListeners.isEmpty()) {
        EpochSummary summary = new EpochSummary(epoch, run.iteration, trainCost, validationCost, validationAccuracy);
        for (int k = 0; k < epochListeners.size(); k++) {
          epochListeners.get(k).onEpoch(summary);
        }
      }
      double monitored = validationSet != null ? validationCost : trainCost;
      if (monitored < run.bestCost) {
        run.bestCost = monitored;
        run.bestEpoch = epoch;
        if (patience > 0 && restoreBest) {
          run.best = snapshot(parameters, run.best);
        }
      } else if (patience > 0 && epoch - run.bestEpoch >= patience) {
        run.stoppedEarly = true;
        if (restoreBest && run.best != null) {
          for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).value().copyFrom(run.best.get(i));
          }
        }
      }
      if (checkpointListener != null && !run.stoppedEarly && run.epochsRun < epochs
          && run.epochsRun % checkpointEvery == 0) {
        checkpointListener.onCheckpoint(save(run, source, settings), epoch);
      }
    }
    if (checkpointListener != null) {
      checkpointListener.onCheckpoint(save(run, source, settings), run.epochsRun - 1);
    }
    List<EpochSummary> summaries = new ArrayList<>(run.epochsRun);
    for (int e = 0; e < run.epochsRun; e++) {
      summaries.add(new EpochSummary(e, run.epochEnds[e], run.trainCosts[e], run.validationCosts[e],
          run.validationAccuracies[e]));
    }
    return new History(java.util.Arrays.copyOf(run.costs, (int) run.iteration), List.copyOf(summaries),
        run.bestEpoch, run.stoppedEarly);
  }

  /**
   * Where a run has got: everything the loop keeps between epochs. Per-epoch results live in
   * arrays sized once (with full batches an epoch is an iteration, and an iteration must allocate
   * nothing); EpochSummary objects are made only for listeners and History.
   */
  private static final class RunState {
    double[] costs;
    long iteration;
    final long[] epochEnds;
    final double[] trainCosts;
    final double[] validationCosts;
    final double[] validationAccuracies;
    int epochsRun;
    List<Matrix> best;
    double bestCost = Double.POSITIVE_INFINITY;
    int bestEpoch;
    boolean stoppedEarly;

    RunState(int epochs) {
      costs = new double[Math.max(16, epochs)]; // exact for full batches: no growth
      epochEnds = new long[epochs];
      trainCosts = new double[epochs];
      validationCosts = new double[epochs];
      validationAccuracies = new double[epochs];
    }

    void record(double cost) {
      if (iteration == costs.length) {
        costs = java.util.Arrays.copyOf(costs, costs.length * 2);
      }
      costs[(int) iteration++] = cost;
    }
  }

  /**
   * Settings added after checkpoints existed, with the value that gives the earlier behaviour: a
   * state saved before a setting existed resumes when the setting has that value.
   */
  private static final Map<String, String> LATER_SETTINGS = Map.of("clip-norm", "0.0");

  /** The settings a resumed run must share with the saved one, as one line each. */
  private Map<String, String> settings(Dataset validationSet, String data) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("model", model.toString());
    s.put("loss", loss.toString());
    s.put("optimizer", optimizer.toString());
    s.put("batch-size", batchSize == 0 ? "full" : String.valueOf(batchSize));
    s.put("shuffle-seed", String.valueOf(shuffleSeed));
    s.put("l2", String.valueOf(l2));
    s.put("clip-norm", String.valueOf(clipNorm));
    s.put("validation", validationFraction > 0 ? "split " + validationFraction + " seed " + validationSeed
        : validationSet != null ? "a set of " + validationSet.count() + " examples" : "none");
    s.put("early-stopping-patience", String.valueOf(patience));
    s.put("restore-best-weights", String.valueOf(restoreBest));
    s.put("data", data.isEmpty() ? "from a batch source" : data);
    return s;
  }

  /** The whole state of {@code run}: see the class comment for what it holds. */
  private TrainingState save(RunState run, BatchSource source, Map<String, String> settings) {
    TrainingState state = new TrainingState();
    TrainingState weights = state.scope("model");
    for (Map.Entry<String, Parameter> p : model.namedTensors().entrySet()) {
      weights.putMatrix(p.getKey(), p.getValue().value());
    }
    TrainingState t = state.scope("trainer");
    TrainingState s = t.scope("settings");
    settings.forEach(s::putSetting);
    t.putLong("iterations", run.iteration);
    t.putLong("epochs", run.epochsRun);
    t.putDoubles("costs", java.util.Arrays.copyOf(run.costs, (int) run.iteration));
    t.putLongs("epoch-ends", java.util.Arrays.copyOf(run.epochEnds, run.epochsRun));
    t.putDoubles("train-costs", java.util.Arrays.copyOf(run.trainCosts, run.epochsRun));
    t.putDoubles("validation-costs", java.util.Arrays.copyOf(run.validationCosts, run.epochsRun));
    t.putDoubles("validation-accuracies", java.util.Arrays.copyOf(run.validationAccuracies, run.epochsRun));
    t.putDouble("best-cost", run.bestCost);
    t.putLong("best-epoch", run.bestEpoch);
    t.putBoolean("stopped-early", run.stoppedEarly);
    if (run.best != null) {
      TrainingState best = t.scope("best");
      for (int i = 0; i < run.best.size(); i++) {
        best.putMatrix(String.valueOf(i), run.best.get(i));
      }
    }
    ((Stateful) optimizer).saveState(state.scope("optimizer"));
    List<Layer> layers = model.layers();
    for (int l = 0; l < layers.size(); l++) {
      if (layers.get(l) instanceof Stateful layer) {
        layer.saveState(state.scope("layer" + (l + 1)));
      }
    }
    if (source instanceof Stateful batches) {
      batches.saveState(state.scope("batches"));
    }
    return state;
  }

  /** Puts {@code run}, the model, optimizer, layers and source back as {@code state} has them. */
  private void restore(TrainingState state, RunState run, BatchSource source, Map<String, String> settings, int epochs) {
    TrainingState t = state.scope("trainer");
    TrainingState s = t.scope("settings");
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      String name = setting.getKey();
      if (!s.contains(name) && setting.getValue().equals(LATER_SETTINGS.get(name))) {
        continue; // saved before the setting existed, which then had this value
      }
      s.requireSetting(name, setting.getValue());
    }
    int epochsRun = t.getInt("epochs");
    long iterations = t.getLong("iterations");
    if (epochsRun < 1 || epochsRun > epochs) {
      throw new IncompatibleStateException("trainer.epochs", "the saved run has trained " + epochsRun
          + " epochs; this run asks for " + epochs);
    }
    if (iterations < epochsRun || iterations > Integer.MAX_VALUE) {
      throw new IncompatibleStateException("trainer.iterations", "the saved run counts " + iterations
          + " iterations in " + epochsRun + " epochs");
    }
    double[] costs = t.doubles("costs");
    long[] epochEnds = t.longs("epoch-ends");
    double[] trainCosts = t.doubles("train-costs");
    double[] validationCosts = t.doubles("validation-costs");
    double[] validationAccuracies = t.doubles("validation-accuracies");
    if (costs.length != iterations || epochEnds.length != epochsRun || trainCosts.length != epochsRun
        || validationCosts.length != epochsRun || validationAccuracies.length != epochsRun) {
      throw new IncompatibleStateException("trainer.costs", "the saved run's records do not agree: " + costs.length
          + " costs for " + iterations + " iterations, " + epochEnds.length + "/" + trainCosts.length + "/"
          + validationCosts.length + "/" + validationAccuracies.length + " epoch records for " + epochsRun
          + " epochs");
    }
    TrainingState weights = state.scope("model");
    for (Map.Entry<String, Parameter> p : model.namedTensors().entrySet()) {
      weights.readMatrix(p.getKey(), p.getValue().value());
    }
    if (t.containsScope("best")) {
      TrainingState best = t.scope("best");
      List<Parameter> parameters = model.parameters();
      List<Matrix> snapshot = new ArrayList<>();
      for (int i = 0; i < parameters.size(); i++) {
        Matrix m = parameters.get(i).value().copy();
        best.readMatrix(String.valueOf(i), m);
        snapshot.add(m);
      }
      run.best = snapshot;
    }
    ((Stateful) optimizer).restoreState(state.scope("optimizer"));
    List<Layer> layers = model.layers();
    for (int l = 0; l < layers.size(); l++) {
      if (layers.get(l) instanceof Stateful layer) {
        layer.restoreState(state.scope("layer" + (l + 1)));
      }
    }
    if (source instanceof Stateful batches) {
      batches.restoreState(state.scope("batches"));
    }
    if (run.costs.length < costs.length) {
      run.costs = java.util.Arrays.copyOf(run.costs, costs.length);
    }
    System.arraycopy(costs, 0, run.costs, 0, costs.length);
    run.iteration = iterations;
    System.arraycopy(epochEnds, 0, run.epochEnds, 0, epochsRun);
    System.arraycopy(trainCosts, 0, run.trainCosts, 0, epochsRun);
    System.arraycopy(validationCosts, 0, run.validationCosts, 0, epochsRun);
    System.arraycopy(validationAccuracies, 0, run.validationAccuracies, 0, epochsRun);
    run.epochsRun = epochsRun;
    run.bestCost = t.getDouble("best-cost");
    run.bestEpoch = t.getInt("best-epoch");
    run.stoppedEarly = t.getBoolean("stopped-early");
  }

  private static List<Matrix> snapshot(List<Parameter> parameters, List<Matrix> into) {
    if (into == null) {
      into = new ArrayList<>();
      for (Parameter p : parameters) {
        into.add(p.value().copy());
      }
      return into;
    }
    for (int i = 0; i < parameters.size(); i++) {
      into.get(i).copyFrom(parameters.get(i).value());
    }
    return into;
  }

  /** Finds the first parameter gradient holding NaN or infinity; scans only, allocates nothing. */
  private void checkGradients(Parameter[] guarded, int[] owners, long iteration, int epoch) {
    for (int k = 0; k < guarded.length; k++) {
      double[] g = guarded[k].gradient().data();
      for (int i = 0; i < g.length; i++) {
        if (!Double.isFinite(g[i])) {
          Layer layer = model.layers().get(owners[k]);
          throw new TrainingException("the gradient of " + guarded[k].name() + " in layer " + (owners[k] + 1) + " "
              + layer + " became " + g[i] + " at iteration " + iteration + " (epoch " + epoch
              + "); lower the learning rate or check the data for extreme values");
        }
      }
    }
  }

  /** The message for a non-finite cost, naming the first layer whose output is not finite. */
  private String nonFiniteCost(double cost, long iteration, int epoch, Batch batch) {
    String where = "every layer's output is finite, so the loss " + loss + " produced it";
    Matrix a = batch.x();
    List<Layer> layers = model.layers();
    for (int l = 0; l < layers.size(); l++) {
      a = layers.get(l).predict(a);
      if (!allFinite(a)) {
        where = "layer " + (l + 1) + " " + layers.get(l) + " is the first to output a non-finite value";
        break;
      }
    }
    return "the cost became " + cost + " at iteration " + iteration + " (epoch " + epoch + "): " + where
        + "; lower the learning rate or check the data for extreme values";
  }

  private static boolean allFinite(Matrix m) {
    for (double v : m.data()) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "Trainer(loss=" + loss + ", optimizer=" + optimizer + ", batchSize=" + (batchSize == 0 ? "full" : batchSize)
        + ", l2=" + l2 + (clipNorm > 0 ? ", clipNorm=" + clipNorm : "") + ", patience=" + patience + ")";
  }
}
