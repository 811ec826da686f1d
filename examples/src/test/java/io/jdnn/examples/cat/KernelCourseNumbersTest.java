package io.jdnn.examples.cat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jdnn.core.kernel.Kernel;
import io.jdnn.core.kernel.Kernels;
import io.jdnn.core.kernel.NaiveKernel;
import io.jdnn.core.kernel.OjalgoKernel;
import io.jdnn.core.kernel.VectorKernel;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.Trainer;
import io.jdnn.data.images.CatVsNonCat;
import io.jdnn.examples.ProjectData;
import io.jdnn.layers.Networks;
import io.jdnn.losses.BinaryCrossEntropy;
import io.jdnn.optim.SGD;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The course's published costs of the 4-layer net (see
 * {@code course-numbers.md}, a test resource) with every kernel, to relative 1e-9: the fast
 * products change only the order of rounding inside sums. 201 iterations (costs 0, 100, 200) keep
 * the naive kernel's run short; {@code CourseReproductionTest} runs all 2,500 with the default
 * (vector) kernel.
 */
class KernelCourseNumbersTest {
  /** Costs after iterations 0, 100 and 200 of {@code [12288, 20, 7, 5, 1]}, randn/sqrt(n_prev), seed 1. */
  private static final double[] COURSE = {0.7717493284237686, 0.6720534400822913, 0.6482632048575212};

  private static CatVsNonCat cats;
  private Kernel previous;

  @BeforeAll
  static void load() {
    cats = CatVsNonCat.load(ProjectData.catvnoncat());
  }

  @BeforeEach
  void remember() {
    previous = Kernels.get();
  }

  @AfterEach
  void restore() {
    Kernel used = Kernels.set(previous);
    if (used instanceof VectorKernel v && used != previous) {
      v.close();
    }
  }

  static Stream<Arguments> kernels() {
    return Stream.of(
        Arguments.of("vector, 2 threads", (Supplier<Kernel>) () -> new VectorKernel(2)),
        Arguments.of("vector, 1 thread", (Supplier<Kernel>) () -> new VectorKernel(1)),
        Arguments.of("ojalgo", (Supplier<Kernel>) OjalgoKernel::new),
        Arguments.of("naive", (Supplier<Kernel>) NaiveKernel::new));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kernels")
  void fourLayerCostsMatchTheCourse(String name, Supplier<Kernel> kernel) {
    Kernels.set(kernel.get());
    Sequential model = Networks.reluSigmoid(12288, 20, 7, 5, 1).initialize(Initializer.LECUN, new NumpyRandom(1));
    double[] costs = new Trainer(model, new BinaryCrossEntropy(), new SGD(0.0075))
        .fit(cats.train().x(), cats.train().y(), 201).costs();
    for (int c = 0; c < COURSE.length; c++) {
      assertThat(costs[100 * c]).as("%s: cost after iteration %d", name, 100 * c)
          .isCloseTo(COURSE[c], within(1e-9 * COURSE[c]));
    }
  }
}
