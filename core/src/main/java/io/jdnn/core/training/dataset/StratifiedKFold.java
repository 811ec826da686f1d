package io.jdnn.core.training.dataset;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Seeded stratified k-fold cross-validation: the examples are dealt into {@code k} folds so that
 * every fold holds each class in about the proportion of the whole set, and fold {@code f}'s
 * {@link Dataset.Split} validates on fold {@code f} and trains on the other {@code k - 1}.
 *
 * <p><b>How the folds are dealt.</b> The examples are shuffled by
 * {@code NumpyRandom(seed).permutation(m)}, then taken class by class (classes in increasing
 * order), each class's examples in shuffled order, and dealt round-robin to folds 0, 1, ...,
 * k - 1, 0, ..., the deal continuing across classes where the previous class stopped. So each
 * class has {@code floor(n_c / k)} or {@code ceil(n_c / k)} examples in every fold, the fold
 * sizes differ by at most one, the folds are disjoint and together hold every example once. Each
 * part keeps the original order of its examples.
 *
 * <p><b>Classes</b>: with one label row, the label value (0 or 1 for binary labels); with several
 * rows (one-hot), the row of the largest value.
 *
 * <pre>{@code
 * for (Dataset.Split fold : StratifiedKFold.split(new Dataset(x, y), 5, 1)) {
 *   train(fold.train());
 *   score(fold.validation());
 * }
 * }</pre>
 */
public final class StratifiedKFold {
  private StratifiedKFold() {}

  /**
   * The fold of every example: {@code fold[j]} in {@code 0..k-1} for column j of {@code labels}.
   *
   * @throws IllegalArgumentException when {@code k < 2} or there are fewer examples than folds
   */
  public static int[] assign(Matrix labels, int k, long seed) {
    int m = labels.cols();
    if (k < 2) {
      throw new IllegalArgumentException("k-fold cross-validation needs at least 2 folds, got " + k);
    }
    if (m < k) {
      throw new IllegalArgumentException("cannot deal " + m + " example(s) into " + k + " folds");
    }
    double[] keys = new double[m];
    for (int j = 0; j < m; j++) {
      keys[j] = classOf(labels, j);
    }
    double[] classes = Arrays.stream(keys).distinct().sorted().toArray();
    int[] order = new NumpyRandom(seed).permutation(m);
    int[] fold = new int[m];
    int next = 0;
    for (double c : classes) {
      for (int j : order) {
        if (keys[j] == c) {
          fold[j] = next;
          next = (next + 1) % k;
        }
      }
    }
    return fold;
  }

  /** The {@code k} training/validation splits of {@code data}, fold 0 first. */
  public static List<Dataset.Split> split(Dataset data, int k, long seed) {
    int[] fold = assign(data.y(), k, seed);
    List<Dataset.Split> splits = new ArrayList<>(k);
    for (int f = 0; f < k; f++) {
      int validationCount = 0;
      for (int v : fold) {
        validationCount += v == f ? 1 : 0;
      }
      int[] train = new int[fold.length - validationCount];
      int[] validation = new int[validationCount];
      for (int j = 0, t = 0, v = 0; j < fold.length; j++) {
        if (fold[j] == f) {
          validation[v++] = j;
        } else {
          train[t++] = j;
        }
      }
      splits.add(new Dataset.Split(data.select(train), data.select(validation)));
    }
    return splits;
  }

  /** The class of example j: its label with one row, else the row holding its largest value. */
  private static double classOf(Matrix labels, int j) {
    if (labels.rows() == 1) {
      double v = labels.get(0, j);
      if (Double.isNaN(v)) {
        throw new IllegalArgumentException("label of example " + j + " is NaN, expected a class");
      }
      return v;
    }
    int best = 0;
    for (int i = 1; i < labels.rows(); i++) {
      if (labels.get(i, j) > labels.get(best, j)) {
        best = i;
      }
    }
    return best;
  }
}
