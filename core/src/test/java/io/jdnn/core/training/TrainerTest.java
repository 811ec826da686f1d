package io.jdnn.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jdnn.core.kernel.Kernels;
import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Activation;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Layer;
import io.jdnn.core.nn.Logistic;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.nn.TinyDense;
import io.jdnn.core.training.dataset.Dataset;
import io.jdnn.core.training.loss.Loss;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {

  /** Gradient descent with a fixed rate, written out so the test does not need the optim module. */
  private static Optimizer sgd(double lr) {
    return parameters -> {
      for (Parameter p : parameters) {
        Kernels.get().axpy(-lr, p.gradient(), p.value());
      }
    };
  }

  @Test
  void defaultTrainingIsTheCoursesFullBatchLoopBitForBit() {
    Dataset d = Fixtures.data(4, 30, 2);
    Sequential byHand = Fixtures.network(4, 3);
    Loss loss = new Fixtures.CrossEntropy();
    double[] expected = new double[20];
    Matrix da = Matrix.zeros(1, 30);
    for (int i = 0; i < 20; i++) {
      Matrix a = byHand.forward(d.x());
      expected[i] = loss.cost(a, d.y());
      loss.gradient(a, d.y(), da);
      byHand.backward(da);
      sgd(0.5).step(byHand.parameters());
    }
    Sequential model = Fixtures.network(4, 3);
    double[] costs = new Trainer(model, loss, sgd(0.5)).fit(d.x(), d.y(), 20).costs();
    assertThat(costs).containsExactly(expected);
    for (int i = 0; i < model.parameters().size(); i++) {
      assertThat(model.parameters().get(i).value()).isEqualTo(byHand.parameters().get(i).value());
    }
  }

  @Test
  void miniBatchesTakeOneStepPerBatchAndReportEpochCosts() {
    Dataset d = Fixtures.data(4, 30, 3);
    List<EpochSummary> epochs = new ArrayList<>();
    History h = new Trainer(Fixtures.network(4, 3), new Fixtures.CrossEntropy(), sgd(0.5))
        .batchSize(8).shuffleSeed(4).epochListener(epochs::add)
        .fit(d.x(), d.y(), 5);
    assertThat(h.costs()).hasSize(5 * 4); // batches of 8, 8, 8, 6
    assertThat(epochs).hasSize(5);
    assertThat(epochs.get(4).iterations()).isEqualTo(20);
    // The epoch cost is the batch costs' mean weighted by batch size.
    double[] c = h.costs();
    assertThat(epochs.get(0).trainCost()).isCloseTo((8 * (c[0] + c[1] + c[2]) + 6 * c[3]) / 30, within(1e-15));
    assertThat(epochs.get(0).hasValidation()).isFalse();
    double[] again = new Trainer(Fixtures.network(4, 3), new Fixtures.CrossEntropy(), sgd(0.5))
        .batchSize(8).shuffleSeed(4).fit(d.x(), d.y(), 5).costs();
    assertThat(again).as("same seed, same run").containsExactly(h.costs());
  }

  @Test
  void earlyStoppingRestoresTheWeightsOfTheBestEpoch() {
    Dataset d = Fixtures.data(4, 40, 5);
    // Validation labels are the training labels flipped: fitting the training set makes the
    // validation cost rise, so it peaks early and training must stop.
    Matrix flipped = d.y().copy();
    for (int j = 0; j < flipped.cols(); j++) {
      flipped.set(0, j, 1 - flipped.get(0, j));
    }
    Sequential model = Fixtures.network(4, 3);
    List<List<Matrix>> weightsAfterEpoch = new ArrayList<>();
    History h = new Trainer(model, new Fixtures.CrossEntropy(), sgd(1.0))
        .validation(d.x(), flipped)
        .earlyStopping(3)
        .epochListener(e -> weightsAfterEpoch.add(model.parameters().stream().map(p -> p.value().copy()).toList()))
        .fit(d.x(), d.y(), 100);
    assertThat(h.stoppedEarly()).isTrue();
    assertThat(h.epochs()).hasSize(h.bestEpoch() + 3 + 1);
    double bestCost = h.epochs().stream().mapToDouble(EpochSummary::validationCost).min().orElseThrow();
    assertThat(h.best().validationCost()).isEqualTo(bestCost);
    List<Matrix> best = weightsAfterEpoch.get(h.bestEpoch());
    List<Matrix> last = weightsAfterEpoch.get(weightsAfterEpoch.size() - 1);
    for (int i = 0; i < best.size(); i++) {
      assertThat(model.parameters().get(i).value()).isEqualTo(best.get(i));
    }
    assertThat(last).as("training went on past the best epoch").isNotEqualTo(best);
  }

  @Test
  void validationSplitScoresHeldOutExamples() {
    Dataset d = Fixtures.data(4, 50, 6);
    History h = new Trainer(Fixtures.network(4, 3), new Fixtures.CrossEntropy(), sgd(0.5))
        .validationSplit(0.2, 7)
        .fit(d.x(), d.y(), 30);
    EpochSummary last = h.epochs().get(29);
    assertThat(last.hasValidation()).isTrue();
    // 10 held-out examples: the accuracy is a multiple of 1/10, and learnable data is learnt.
    assertThat(last.validationAccuracy() * 10).isCloseTo(Math.rint(last.validationAccuracy() * 10), within(1e-9));
    assertThat(last.validationAccuracy()).isGreaterThan(0.6);
    assertThat(last.validationCost()).isLessThan(h.epochs().get(0).validationCost());
  }

  @Test
  void aNonFiniteCostNamesTheIterationAndTheFirstLayerToOutputIt() {
    Activation sqrt = new Activation() {
      @Override
      public double apply(double z) {
        return Math.sqrt(z);
      }

      @Override
      public double derivative(double z, double a) {
        return 0.5 / a;
      }
    };
    Sequential model = Sequential.of(new TinyDense(2, 2), sqrt, new TinyDense(2, 1), new Logistic())
        .initialize(Initializer.LECUN, new NumpyRandom(1));
    Dataset d = Fixtures.data(2, 10, 8);
    assertThatThrownBy(() -> new Trainer(model, new Fixtures.CrossEntropy(), sgd(0.1)).fit(d.x(), d.y(), 5))
        .isInstanceOf(TrainingException.class)
        .hasMessageContaining("iteration 0")
        .hasMessageContaining("layer 2");
  }

  @Test
  void aNonFiniteGradientNamesTheParameterAndTheLayer() {
    Activation sqrt = new Activation() {
      @Override
      public double apply(double z) {
        return Math.sqrt(Math.abs(z));
      }

      @Override
      public double derivative(double z, double a) {
        return Math.signum(z) * 0.5 / a; // infinite at z = 0
      }
    };
    // Zero weights and biases: z = 0 in layer 1, a finite cost but an infinite slope.
    Sequential model = Sequential.of(new TinyDense(2, 2), sqrt, new TinyDense(2, 1), new Logistic());
    model.layers().get(2).initialize(Initializer.LECUN, new NumpyRandom(1));
    Dataset d = Fixtures.data(2, 10, 9);
    assertThatThrownBy(() -> new Trainer(model, new Fixtures.CrossEntropy(), sgd(0.1)).fit(d.x(), d.y(), 5))
        .isInstanceOf(TrainingException.class)
        .hasMessageContaining("gradient of W in layer 1 TinyDense(2->2)")
        .hasMessageContaining("iteration 0");
  }

  @Test
  void l2AddsTheCoursesPenaltyToCostAndWeightGradientsOnly() {
    Dataset d = Fixtures.data(3, 12, 10);
    Sequential model = Fixtures.network(3, 4);
    for (Layer l : model.layers()) {
      for (Parameter p : l.parameters()) {
        if (!p.regularized()) {
          p.value().fill(0.1); // non-zero biases, which the penalty must ignore
        }
      }
    }
    Objective plain = new Objective(model, new Fixtures.CrossEntropy());
    double cost = plain.run(d.x(), d.y());
    List<Matrix> gradients = model.parameters().stream().map(p -> p.gradient().copy()).toList();
    Objective regularized = new Objective(model, new Fixtures.CrossEntropy(), 0.7);
    double sumSquares = 0;
    for (Parameter p : model.parameters()) {
      if (p.regularized()) {
        for (double w : p.value().data()) {
          sumSquares += w * w;
        }
      }
    }
    assertThat(regularized.run(d.x(), d.y())).isCloseTo(cost + 0.7 / (2 * 12) * sumSquares, within(1e-14));
    for (int i = 0; i < gradients.size(); i++) {
      Parameter p = model.parameters().get(i);
      for (int k = 0; k < p.value().size(); k++) {
        double expected = gradients.get(i).data()[k] + (p.regularized() ? 0.7 / 12 * p.value().data()[k] : 0);
        assertThat(p.gradient().data()[k]).isCloseTo(expected, within(1e-15));
      }
    }
    assertThat(GradientCheck.ofModel(model, regularized, d.x(), d.y(), 1e-6)).isLessThan(1e-7);
  }

  @Test
  void everyNPassesOnEveryNthIteration() {
    Dataset d = Fixtures.data(3, 10, 11);
    List<Integer> seen = new ArrayList<>();
    double[] costs = new Trainer(Fixtures.network(3, 2), new Fixtures.CrossEntropy(), sgd(0.1))
        .listener(TrainingListener.every(4, (i, cost) -> seen.add(i)))
        .fit(d.x(), d.y(), 10).costs();
    assertThat(seen).containsExactly(0, 4, 8);
    assertThat(costs).hasSize(10);
  }

  @Test
  void badOptionsAreClearErrors() {
    Trainer t = new Trainer(Fixtures.network(2, 2), new Fixtures.CrossEntropy(), sgd(0.1));
    assertThatThrownBy(() -> t.batchSize(-1)).hasMessageContaining("batch size").hasMessageContaining("-1");
    assertThatThrownBy(() -> t.l2(-0.5)).hasMessageContaining("lambda").hasMessageContaining("-0.5");
    assertThatThrownBy(() -> t.validationSplit(1.0, 1)).hasMessageContaining("strictly between 0 and 1");
    assertThatThrownBy(() -> t.earlyStopping(-2)).hasMessageContaining("patience");
  }
}
