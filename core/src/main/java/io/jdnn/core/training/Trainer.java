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
import java.util.ArrayList;
import java.util.List;
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
 *   <li>{@link #listener} for every iteration's cost, {@link #epochListener} for every epoch.
 * </ul>
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
 *     .fit(x, y, 200);
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
    return run(source, validationSet, epochs);
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
    return run(source, validation, epochs);
  }

  /** What the per-iteration and per-epoch records start at: 64 KB each, grown by doubling. */
  private static final int INITIAL_CAPACITY = 8192;

  private History run(BatchSource source, Dataset validationSet, int epochs) {
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
    List<Matrix> best = null;
    double bestCost = Double.POSITIVE_INFINITY;
    int bestEpoch = 0;
    boolean stoppedEarly = false;
    // Sized for the run up to a bound, then grown: --iterations 2147483647 must not ask for 16 GB at
    // the start. Growth allocates at powers of two only, so iterations in between allocate nothing.
    double[] costs = new double[Math.min(Math.max(16, epochs), INITIAL_CAPACITY)];
    long iteration = 0;
    // Per-epoch results in arrays sized once: with full batches an epoch is an iteration, and an
    // iteration must allocate nothing. EpochSummary objects are made only for listeners and History.
    int capacity = Math.min(epochs, INITIAL_CAPACITY);
    long[] epochEnds = new long[capacity];
    double[] trainCosts = new double[capacity];
    double[] validationCosts = new double[capacity];
    double[] validationAccuracies = new double[capacity];
    int epochsRun = 0;
    for (int epoch = 0; epoch < epochs; epoch++) {
      source.startEpoch(epoch);
      double costSum = 0;
      long examples = 0;
      while (source.hasNext()) {
        Batch batch = source.next();
        double cost = pass.run(batch.x(), batch.y());
        if (!Double.isFinite(cost)) {
          throw new TrainingException(nonFiniteCost(cost, iteration, epoch, batch));
        }
        checkGradients(guarded, owners, iteration, epoch);
        if (clipNorm > 0) {
          GradientClipping.clipByGlobalNorm(parameters, clipNorm);
        }
        optimizer.step(parameters);
        if (iteration == costs.length) {
          costs = java.util.Arrays.copyOf(costs, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * costs.length));
        }
        costs[(int) iteration] = cost;
        costSum += cost * batch.size();
        examples += batch.size();
        for (int k = 0; k < listeners.size(); k++) {
          listeners.get(k).onIteration((int) iteration, cost);
        }
        iteration++;
      }
      double trainCost = costSum / examples;
      double validationCost = Double.NaN;
      double validationAccuracy = Double.NaN;
      if (validationSet != null) {
        validationCost = pass.cost(validationSet.x(), validationSet.y());
        validationAccuracy = Metrics.accuracy(model.predict(validationSet.x()), validationSet.y());
      }
      if (epoch == epochEnds.length) {
        int grown = (int) Math.min(Integer.MAX_VALUE - 8L, 2L * epochEnds.length);
        epochEnds = java.util.Arrays.copyOf(epochEnds, grown);
        trainCosts = java.util.Arrays.copyOf(trainCosts, grown);
        validationCosts = java.util.Arrays.copyOf(validationCosts, grown);
        validationAccuracies = java.util.Arrays.copyOf(validationAccuracies, grown);
      }
      epochEnds[epoch] = iteration;
      trainCosts[epoch] = trainCost;
      validationCosts[epoch] = validationCost;
      validationAccuracies[epoch] = validationAccuracy;
      epochsRun = epoch + 1;
      if (!epochListeners.isEmpty()) {
        EpochSummary summary = new EpochSummary(epoch, iteration, trainCost, validationCost, validationAccuracy);
        for (int k = 0; k < epochListeners.size(); k++) {
          epochListeners.get(k).onEpoch(summary);
        }
      }
      double monitored = validationSet != null ? validationCost : trainCost;
      if (monitored < bestCost) {
        bestCost = monitored;
        bestEpoch = epoch;
        if (patience > 0 && restoreBest) {
          best = snapshot(parameters, best);
        }
      } else if (patience > 0 && epoch - bestEpoch >= patience) {
        stoppedEarly = true;
        if (restoreBest && best != null) {
          for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).value().copyFrom(best.get(i));
          }
        }
        break;
      }
    }
    List<EpochSummary> summaries = new ArrayList<>(epochsRun);
    for (int e = 0; e < epochsRun; e++) {
      summaries.add(new EpochSummary(e, epochEnds[e], trainCosts[e], validationCosts[e], validationAccuracies[e]));
    }
    return new History(java.util.Arrays.copyOf(costs, (int) iteration), List.copyOf(summaries), bestEpoch,
        stoppedEarly);
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
