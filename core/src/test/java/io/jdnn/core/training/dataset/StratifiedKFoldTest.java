package io.jdnn.core.training.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The folds are disjoint, cover the data, keep each class's share, and repeat for a seed. */
class StratifiedKFoldTest {

  /** An imbalance like the cat data's: 139 of class 0, 70 of class 1, interleaved; x holds the index. */
  private static Dataset cats() {
    int m = 209;
    Matrix x = Matrix.zeros(1, m);
    Matrix y = Matrix.zeros(1, m);
    for (int j = 0; j < m; j++) {
      x.set(0, j, j);
      y.set(0, j, j % 3 == 0 ? 1 : 0);
    }
    return new Dataset(x, y);
  }

  private static int count(Matrix y, double label) {
    int n = 0;
    for (double v : y.data()) {
      n += v == label ? 1 : 0;
    }
    return n;
  }

  @Test
  void foldsAreDisjointCoverEveryExampleAndAreStratified() {
    Dataset data = cats();
    int positives = count(data.y(), 1);
    int negatives = data.count() - positives;
    assertThat(positives).isEqualTo(70);
    List<Dataset.Split> folds = StratifiedKFold.split(data, 5, 1);
    assertThat(folds).hasSize(5);
    Set<Integer> seen = new HashSet<>();
    for (Dataset.Split fold : folds) {
      Dataset v = fold.validation();
      for (int j = 0; j < v.count(); j++) {
        assertThat(seen.add((int) v.x().get(0, j))).as("example %s in two folds", v.x().get(0, j)).isTrue();
        // Labels travel with their example.
        assertThat(v.y().get(0, j)).isEqualTo(data.y().get(0, (int) v.x().get(0, j)));
      }
      // Each fold has floor or ceil of each class's fifth: 70 / 5 = 14 cats, 139 / 5 = 27.8 others.
      assertThat(count(v.y(), 1)).isEqualTo(14);
      assertThat(count(v.y(), 0)).isBetween(negatives / 5, negatives / 5 + 1);
      // Training is the rest: the same examples minus the fold's, in the original order.
      assertThat(fold.train().count() + v.count()).isEqualTo(data.count());
      Set<Integer> trained = new HashSet<>();
      double previous = -1;
      for (int j = 0; j < fold.train().count(); j++) {
        double index = fold.train().x().get(0, j);
        assertThat(index).isGreaterThan(previous);
        previous = index;
        trained.add((int) index);
      }
      for (int j = 0; j < v.count(); j++) {
        assertThat(trained).doesNotContain((int) v.x().get(0, j));
      }
    }
    assertThat(seen).hasSize(data.count());
  }

  @Test
  void foldSizesDifferByAtMostOneAndTheDealIsSeeded() {
    Dataset data = cats();
    int[] a = StratifiedKFold.assign(data.y(), 4, 7);
    int[] sizes = new int[4];
    for (int f : a) {
      sizes[f]++;
    }
    // 139 of class 0 dealt first (35, 35, 35, 34), then 70 of class 1 from fold 3 on (18, 17, 17, 18).
    assertThat(sizes).containsExactly(53, 52, 52, 52);
    assertThat(StratifiedKFold.assign(data.y(), 4, 7)).as("same seed, same folds").containsExactly(a);
    assertThat(StratifiedKFold.assign(data.y(), 4, 8)).as("another seed, other folds").isNotEqualTo(a);
  }

  @Test
  void oneHotLabelsAreStratifiedByTheirClass() {
    // Three classes of 6, 3 and 9 examples, one-hot.
    int[] classes = {0, 0, 1, 2, 2, 2, 0, 1, 2, 2, 0, 0, 2, 1, 2, 2, 0, 2};
    Matrix y = Matrix.zeros(3, classes.length);
    for (int j = 0; j < classes.length; j++) {
      y.set(classes[j], j, 1);
    }
    int[] fold = StratifiedKFold.assign(y, 3, 2);
    int[][] perFold = new int[3][3];
    for (int j = 0; j < classes.length; j++) {
      perFold[fold[j]][classes[j]]++;
    }
    for (int f = 0; f < 3; f++) {
      assertThat(perFold[f]).containsExactly(2, 1, 3);
    }
  }

  @Test
  void tooFewFoldsOrExamplesAreClearErrors() {
    Matrix y = Matrix.ofRows(new double[] {0, 1, 0});
    assertThatThrownBy(() -> StratifiedKFold.assign(y, 1, 0)).hasMessageContaining("at least 2 folds, got 1");
    assertThatThrownBy(() -> StratifiedKFold.assign(y, 4, 0)).hasMessageContaining("3 example(s) into 4 folds");
  }
}
