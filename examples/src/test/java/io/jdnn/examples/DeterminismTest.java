package io.jdnn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.kernel.Kernel;
import io.jdnn.core.kernel.Kernels;
import io.jdnn.core.kernel.OjalgoKernel;
import io.jdnn.core.kernel.VectorKernel;
import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.Trainer;
import io.jdnn.data.images.CatVsNonCat;
import io.jdnn.layers.Networks;
import io.jdnn.losses.BinaryCrossEntropy;
import io.jdnn.optim.SGD;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same seed gives bit-identical costs and weights: across two runs, and whatever the number of
 * threads the products use (the vector kernel on 1 and 2 threads). The course's 4-layer cat network, 50 iterations on all 209 images.
 */
class DeterminismTest {
  private static final int ITERATIONS = 50;
  private static CatVsNonCat cats;
  private static Kernel previous;

  /** Costs and final weights of one run. */
  private record Run(double[] costs, List<Matrix> weights) {}

  @BeforeAll
  static void load() {
    cats = CatVsNonCat.load(ProjectData.catvnoncat());
    previous = Kernels.get();
  }

  @AfterAll
  static void restore() {
    Kernels.set(previous);
  }

  private static Run train(Supplier<Kernel> kernel) {
    Kernels.set(kernel.get());
    Sequential model = Networks.reluSigmoid(12288, 20, 7, 5, 1).initialize(Initializer.LECUN, new NumpyRandom(1));
    double[] costs = new Trainer(model, new BinaryCrossEntropy(), new SGD(0.0075))
        .fit(cats.train().x(), cats.train().y(), ITERATIONS).costs();
    List<Matrix> weights = new ArrayList<>();
    for (Parameter p : model.parameters()) {
      weights.add(p.value().copy());
    }
    return new Run(costs, weights);
  }

  private static void assertBitIdentical(Run a, Run b, String what) {
    assertThat(a.costs()).as(what + ": costs").hasSize(ITERATIONS);
    for (int i = 0; i < ITERATIONS; i++) {
      assertThat(Double.doubleToRawLongBits(b.costs()[i])).as(what + ": cost of iteration " + i)
          .isEqualTo(Double.doubleToRawLongBits(a.costs()[i]));
    }
    assertThat(b.weights()).as(what + ": weights").isEqualTo(a.weights()); // Matrix.equals is bitwise
  }

  @Test
  void twoRunsOfTheDefaultKernelAreBitIdentical() {
    Run first = train(() -> previous);
    Run second = train(() -> previous);
    assertBitIdentical(first, second, previous.name() + ", two runs");
    assertThat(first.costs()[ITERATIONS - 1]).as("it trained").isLessThan(first.costs()[0]);
  }

  @Test
  void twoRunsOfOjalgoOnAllCoresAreBitIdentical() {
    // ojalgo splits a product over blocks of the output, never over a sum, so its scheduling
    // cannot move a rounding.
    assertBitIdentical(train(OjalgoKernel::new), train(OjalgoKernel::new), "ojalgo, two runs");
  }

  @Test
  void theVectorKernelOnOneAndTwoThreadsIsBitIdentical() {
    // The vector kernel splits products over output elements, never along a sum, so every element
    // is summed in the same order whichever thread computes it.
    Run one = train(() -> new VectorKernel(1));
    Run two = train(() -> new VectorKernel(2));
    Run twoAgain = train(() -> new VectorKernel(2));
    assertBitIdentical(one, two, "vector, 1 vs 2 threads");
    assertBitIdentical(two, twoAgain, "vector, two runs on 2 threads");
  }
}
