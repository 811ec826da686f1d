package io.jdnn.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jdnn.core.math.Matrix;
import io.jdnn.layers.Sigmoid;
import io.jdnn.layers.Softmax;
import org.junit.jupiter.api.Test;

/** Class weights change the cost as the formula says, in the plain and the fused forms. */
class ClassWeightsTest {

  private static double logit(double p) {
    return Math.log(p / (1 - p));
  }

  @Test
  void binaryCostIsTheWeightedSumOverM() {
    Matrix a = Matrix.ofRows(new double[] {0.8, 0.1, 0.6});
    Matrix y = Matrix.ofRows(new double[] {1, 0, 0});
    BinaryCrossEntropy weighted = new BinaryCrossEntropy().withClassWeights(0.5, 2.0);
    // -(1/3) [2 log 0.8 + 0.5 log 0.9 + 0.5 log 0.4]
    double expected = -(2 * Math.log(0.8) + 0.5 * Math.log(0.9) + 0.5 * Math.log(0.4)) / 3;
    assertThat(weighted.cost(a, y)).isCloseTo(expected, within(1e-15));
    assertThat(new BinaryCrossEntropy().cost(a, y))
        .isCloseTo(-(Math.log(0.8) + Math.log(0.9) + Math.log(0.4)) / 3, within(1e-15));
    // Fused, from the logits: the same cost, and each example's gradient is its weight times (a - y) / m.
    BinaryCrossEntropy fused = BinaryCrossEntropy.fused().withClassWeights(0.5, 2.0);
    Matrix z = Matrix.ofRows(new double[] {logit(0.8), logit(0.1), logit(0.6)});
    assertThat(fused.costFromLogits(z, y)).isCloseTo(expected, within(1e-12));
    assertThat(fused.fuses(new Sigmoid())).as("weighted, still fused").isTrue();
    Matrix g = Matrix.zeros(1, 3);
    fused.logitGradient(z, new Sigmoid().predict(z), y, g);
    assertThat(g.get(0, 0)).isCloseTo(2.0 * (0.8 - 1) / 3, within(1e-15));
    assertThat(g.get(0, 1)).isCloseTo(0.5 * 0.1 / 3, within(1e-15));
    assertThat(g.get(0, 2)).isCloseTo(0.5 * 0.6 / 3, within(1e-15));
    // The plain gradient is the weighted one of the course's formula.
    Matrix d = Matrix.zeros(1, 3);
    weighted.gradient(a, y, d);
    assertThat(d.get(0, 0)).isCloseTo(-2.0 / 0.8 / 3, within(1e-15));
    assertThat(d.get(0, 2)).isCloseTo(0.5 / 0.4 / 3, within(1e-15));
  }

  @Test
  void weightsOfOneAreTheUnweightedLossBitForBit() {
    Matrix a = Matrix.ofRows(new double[] {0.8, 0.1, 0.6, 0.999});
    Matrix y = Matrix.ofRows(new double[] {1, 0, 0, 1});
    assertThat(new BinaryCrossEntropy().withClassWeights(1, 1).cost(a, y)).isEqualTo(new BinaryCrossEntropy().cost(a, y));
    Matrix z = Matrix.ofRows(new double[] {3.2, -1.0, 0.4, 7.0});
    assertThat(BinaryCrossEntropy.fused().withClassWeights(1, 1).costFromLogits(z, y))
        .isEqualTo(BinaryCrossEntropy.fused().costFromLogits(z, y));
  }

  @Test
  void categoricalCostWeighsEachExampleByItsClass() {
    // Three classes, two examples: class 2 then class 0.
    Matrix a = Matrix.ofRows(new double[] {0.2, 0.7}, new double[] {0.3, 0.2}, new double[] {0.5, 0.1});
    Matrix y = Matrix.ofRows(new double[] {0, 1}, new double[] {0, 0}, new double[] {1, 0});
    CategoricalCrossEntropy weighted = new CategoricalCrossEntropy().withClassWeights(3.0, 1.0, 0.5);
    double expected = -(0.5 * Math.log(0.5) + 3.0 * Math.log(0.7)) / 2;
    assertThat(weighted.cost(a, y)).isCloseTo(expected, within(1e-15));
    Matrix z = Matrix.ofRows(new double[] {Math.log(0.2), Math.log(0.7)}, new double[] {Math.log(0.3), Math.log(0.2)},
        new double[] {Math.log(0.5), Math.log(0.1)});
    assertThat(weighted.costFromLogits(z, y)).isCloseTo(expected, within(1e-12));
    Matrix g = Matrix.zeros(3, 2);
    weighted.logitGradient(z, new Softmax().predict(z), y, g);
    // One-hot: the class weight times (softmax - y) / m.
    assertThat(g.get(2, 0)).isCloseTo(0.5 * (0.5 - 1) / 2, within(1e-12));
    assertThat(g.get(1, 0)).isCloseTo(0.5 * 0.3 / 2, within(1e-12));
    assertThat(g.get(0, 1)).isCloseTo(3.0 * (0.7 - 1) / 2, within(1e-12));
    assertThatThrownBy(() -> new CategoricalCrossEntropy().withClassWeights(1, 2).cost(a, y))
        .hasMessageContaining("2 class weights").hasMessageContaining("3 classes");
  }

  @Test
  void balancedWeightsGiveEveryClassTheSameTotal() {
    // The cat data's training labels: 137 non-cats, 72 cats.
    Matrix y = Matrix.zeros(1, 209);
    for (int j = 0; j < 72; j++) {
      y.set(0, j * 2, 1);
    }
    double[] w = ClassWeights.balanced(y);
    assertThat(w[0]).isCloseTo(209.0 / (2 * 137), within(1e-15));
    assertThat(w[1]).isCloseTo(209.0 / (2 * 72), within(1e-15));
    assertThat(137 * w[0]).isCloseTo(72 * w[1], within(1e-12)).isCloseTo(209.0 / 2, within(1e-12));
    Matrix oneHot = Matrix.ofRows(new double[] {1, 1, 1, 0}, new double[] {0, 0, 0, 1});
    assertThat(ClassWeights.balanced(oneHot)).containsExactly(4.0 / (2 * 3), 4.0 / (2 * 1));
  }

  @Test
  void badWeightsAndLabelsAreClearErrors() {
    assertThatThrownBy(() -> new BinaryCrossEntropy().withClassWeights(-1, 1)).hasMessageContaining("positive")
        .hasMessageContaining("-1.0 for class 0");
    assertThatThrownBy(() -> new CategoricalCrossEntropy().withClassWeights(1, Double.NaN))
        .hasMessageContaining("NaN for class 1");
    assertThatThrownBy(() -> ClassWeights.balanced(Matrix.ofRows(new double[] {0, 0, 0})))
        .hasMessageContaining("class 1 has no examples");
    assertThatThrownBy(() -> ClassWeights.balanced(Matrix.ofRows(new double[] {0, 2, 1})))
        .hasMessageContaining("label 1 is 2.0");
    assertThat(BinaryCrossEntropy.fused().withClassWeights(0.5, 2).toString())
        .isEqualTo("BinaryCrossEntropy(fused with Sigmoid, classWeights=[0.5, 2.0])");
  }
}
