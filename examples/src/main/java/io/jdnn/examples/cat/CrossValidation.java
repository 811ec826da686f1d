package io.jdnn.examples.cat;

import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.metrics.Metrics;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.Trainer;
import io.jdnn.core.training.TrainingException;
import io.jdnn.core.training.dataset.Dataset;
import io.jdnn.core.training.dataset.StratifiedKFold;
import io.jdnn.layers.Networks;
import io.jdnn.losses.BinaryCrossEntropy;
import io.jdnn.optim.SGD;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tune --folds K}: the grid of {@link TuneCommand} scored by seeded stratified k-fold
 * cross-validation instead of one validation split. Each grid point (layer sizes, learning rate)
 * is trained K times, by the course's full-batch gradient descent from the same seeded
 * initialisation, each time on K - 1 folds, and scored on the remaining fold after each requested
 * iteration count. The table gives, per point, the mean training accuracy, the mean and the sample
 * standard deviation (n - 1) of the K validation accuracies, and the mean validation cost, sorted
 * by mean validation accuracy, then mean validation cost. The best point is then retrained once on
 * all the training images and evaluated once on the test set: the only time the test set is used.
 *
 * <pre>
 * jdnn-cat tune --folds 5 --layers 12288,7,1 --init small --learning-rates 0.0075,0.02 --iterations 250,500
 * </pre>
 */
final class CrossValidation {
  private static final Logger LOG = LoggerFactory.getLogger(CrossValidation.class);

  /** One grid point scored over the folds; NaN means a fold diverged. */
  record Result(int[] sizes, double learningRate, int iterations, double trainAccuracy, double validationMean,
      double validationSpread, double validationCost) {}

  private final Initializer initializer;
  private final long seed;
  private final int folds;

  CrossValidation(Initializer initializer, long seed, int folds) {
    this.initializer = initializer;
    this.seed = seed;
    this.folds = folds;
  }

  /** Scores every grid point, prints the table and the best point's test result; returns the table. */
  List<Result> run(Dataset train, Dataset test, List<int[]> architectures, double[] learningRates, int[] counts,
      PrintWriter out) {
    List<Dataset.Split> splits = StratifiedKFold.split(train, folds, seed);
    LOG.info("{}-fold cross-validation of {} training images (folds of {} to {})", folds, train.count(),
        splits.stream().mapToInt(s -> s.validation().count()).min().orElse(0),
        splits.stream().mapToInt(s -> s.validation().count()).max().orElse(0));
    int longest = counts[counts.length - 1];
    List<Result> results = new ArrayList<>();
    for (int[] sizes : architectures) {
      for (double lr : learningRates) {
        // [count][fold]
        double[][] trainAcc = new double[counts.length][folds];
        double[][] validationAcc = new double[counts.length][folds];
        double[][] validationCost = new double[counts.length][folds];
        for (double[][] table : List.of(trainAcc, validationAcc, validationCost)) {
          for (double[] row : table) {
            Arrays.fill(row, Double.NaN);
          }
        }
        long start = System.nanoTime();
        for (int f = 0; f < folds; f++) {
          Dataset part = splits.get(f).train();
          Dataset held = splits.get(f).validation();
          Sequential model = Networks.reluSigmoid(sizes).initialize(initializer, new NumpyRandom(seed));
          BinaryCrossEntropy loss = new BinaryCrossEntropy();
          int fold = f;
          try {
            new Trainer(model, loss, new SGD(lr))
                .listener((i, cost) -> {
                  // The listener runs after update i, so the model has had i + 1 updates.
                  int c = Arrays.binarySearch(counts, i + 1);
                  if (c >= 0) {
                    trainAcc[c][fold] = Metrics.binaryAccuracy(model.predict(part.x()), part.y());
                    validationAcc[c][fold] = Metrics.binaryAccuracy(model.predict(held.x()), held.y());
                    validationCost[c][fold] = loss.cost(model.predict(held.x()), held.y());
                  }
                })
                .fit(part.x(), part.y(), longest);
          } catch (TrainingException e) {
            LOG.warn("layers {} with learning rate {} diverged on fold {}: {}", text(sizes), lr, f, e.getMessage());
          }
        }
        LOG.info("layers {}, learning rate {}: {} folds of {} iterations in {} ms", text(sizes), lr, folds, longest,
            (System.nanoTime() - start) / 1_000_000);
        for (int c = 0; c < counts.length; c++) {
          results.add(new Result(sizes, lr, counts[c], mean(trainAcc[c]), mean(validationAcc[c]),
              spread(validationAcc[c]), mean(validationCost[c])));
        }
      }
    }
    // Diverged points (NaN) last.
    results.sort(Comparator.comparingDouble((Result r) -> Double.isNaN(r.validationMean()) ? 1 : 0)
        .thenComparing(Comparator.comparingDouble(Result::validationMean).reversed())
        .thenComparingDouble(Result::validationCost));
    print(results, out);
    Result best = results.get(0);
    if (Double.isNaN(best.validationMean())) {
      out.println("Every grid point diverged on some fold; nothing to retrain.");
      out.flush();
      return results;
    }
    Sequential model = Networks.reluSigmoid(best.sizes()).initialize(initializer, new NumpyRandom(seed));
    new Trainer(model, new BinaryCrossEntropy(), new SGD(best.learningRate())).fit(train.x(), train.y(),
        best.iterations());
    out.printf(Locale.ROOT, "Best: layers %s, learning rate %s, %d iterations; retrained on all %d training images: "
        + "train accuracy %.4f, test accuracy %.4f%n", text(best.sizes()), best.learningRate(), best.iterations(),
        train.count(), Metrics.binaryAccuracy(model.predict(train.x()), train.y()),
        Metrics.binaryAccuracy(model.predict(test.x()), test.y()));
    out.flush();
    return results;
  }

  private void print(List<Result> results, PrintWriter out) {
    int w = "layers".length();
    for (Result r : results) {
      w = Math.max(w, text(r.sizes()).length());
    }
    String format = "%4s  %-" + w + "s  %13s  %10s  %9s  %14s  %12s  %15s%n";
    out.printf(Locale.ROOT, format, "rank", "layers", "learning rate", "iterations", "train acc", "validation acc",
        "(sd, " + folds + " folds)", "validation cost");
    int rank = 1;
    for (Result r : results) {
      out.printf(Locale.ROOT, format, rank++, text(r.sizes()), r.learningRate(), r.iterations(),
          String.format(Locale.ROOT, "%.4f", r.trainAccuracy()), String.format(Locale.ROOT, "%.4f", r.validationMean()),
          String.format(Locale.ROOT, "%.4f", r.validationSpread()), String.format(Locale.ROOT, "%.6f", r.validationCost()));
    }
    out.flush();
  }

  /** The mean, NaN if any value is NaN (a fold that diverged before this count). */
  static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /** The sample standard deviation (n - 1 in the denominator). */
  static double spread(double[] values) {
    double mean = mean(values);
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return Math.sqrt(squares / (values.length - 1));
  }

  static String text(int[] sizes) {
    return Arrays.stream(sizes).mapToObj(String::valueOf).collect(Collectors.joining(","));
  }
}
