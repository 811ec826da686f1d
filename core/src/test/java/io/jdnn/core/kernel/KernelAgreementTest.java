package io.jdnn.core.kernel;

import static io.jdnn.core.kernel.KernelFixtures.SHAPES;
import static io.jdnn.core.kernel.KernelFixtures.abs;
import static io.jdnn.core.kernel.KernelFixtures.assertClose;
import static io.jdnn.core.kernel.KernelFixtures.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.Activation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kernel against {@link NaiveKernel}, the textbook loops, on shapes with odd edges. The
 * kernels are shared by all cases (JUnit must not close them after each one) and closed at the end.
 */
class KernelAgreementTest {
  private static final Kernel NAIVE = new NaiveKernel();
  private static final VectorKernel VECTOR_1 = new VectorKernel(1);
  private static final VectorKernel VECTOR_2 = new VectorKernel(2, VectorKernel.narrowBlocksFit(),
      KernelFixtures.SMALL_SHARE_FROM);
  private static final VectorKernel VECTOR_3 = new VectorKernel(3, VectorKernel.narrowBlocksFit(),
      KernelFixtures.SMALL_SHARE_FROM);
  /** The register blocks this machine does not use (narrow with 32 vector registers, or wide with 16). */
  private static final VectorKernel OTHER_BLOCKS_1 = new VectorKernel(1, !VectorKernel.narrowBlocksFit(),
      KernelFixtures.SMALL_SHARE_FROM);
  private static final VectorKernel OTHER_BLOCKS_2 = new VectorKernel(2, !VectorKernel.narrowBlocksFit(),
      KernelFixtures.SMALL_SHARE_FROM);
  private static final List<Kernel> KERNELS = List.of(new OjalgoKernel(), VECTOR_1, VECTOR_2, VECTOR_3, OTHER_BLOCKS_1,
      OTHER_BLOCKS_2);

  /** Naive results (expected value, magnitude) per product and shape, shared by the kernels. */
  private static final Map<String, Matrix[]> REFERENCE = new ConcurrentHashMap<>();

  private static Matrix[] reference(String key, Supplier<Matrix[]> compute) {
    return REFERENCE.computeIfAbsent(key, k -> compute.get());
  }

  /** A function whose derivative needs both z and a, so a mixed-up argument shows. */
  private static final Activation SOFTPLUS = new Activation() {
    @Override
    public double apply(double z) {
      return Math.log1p(Math.exp(z));
    }

    @Override
    public double derivative(double z, double a) {
      return 1.0 / (1.0 + Math.exp(-z)) + 0.0 * a;
    }
  };

  @AfterAll
  static void stopThreads() {
    VECTOR_1.close();
    VECTOR_2.close();
    VECTOR_3.close();
    OTHER_BLOCKS_1.close();
    OTHER_BLOCKS_2.close();
  }

  static Stream<Arguments> kernelsAndShapes() {
    List<Arguments> cases = new ArrayList<>();
    for (Kernel k : KERNELS) {
      for (int[] s : SHAPES) {
        cases.add(Arguments.of(k, s[0], s[1], s[2]));
      }
    }
    return cases.stream();
  }

  static Stream<Kernel> kernels() {
    return KERNELS.stream();
  }

  /** One of the kernel's three products, {@code c = op(a, b)}. */
  @FunctionalInterface
  private interface Product {
    void apply(Kernel kernel, Matrix a, Matrix b, Matrix c);
  }

  /**
   * {@code kernel}'s product of {@code a} and {@code b} (result {@code n x m}, sums of k terms)
   * against the naive kernel's, within a rounding bound from the product of the magnitudes.
   */
  private static void assertAgreesWithNaive(String name, Product product, Kernel kernel, Matrix a, Matrix b, int n,
      int k, int m, int seed) {
    Matrix[] ref = reference(name + " " + n + "x" + k + "x" + m, () -> {
      Matrix expected = Matrix.zeros(n, m);
      product.apply(NAIVE, a, b, expected);
      Matrix magnitude = Matrix.zeros(n, m);
      product.apply(NAIVE, abs(a), abs(b), magnitude);
      return new Matrix[] {expected, magnitude};
    });
    Matrix actual = random(n, m, seed); // stale values must be overwritten
    product.apply(kernel, a, b, actual);
    assertClose(kernel + " " + name, ref[0], actual, ref[1], k);
  }

  @ParameterizedTest(autoCloseArguments = false, name = "{0} {1}x{2} . {2}x{3}")
  @MethodSource("kernelsAndShapes")
  void matmulAgreesWithNaive(Kernel kernel, int n, int k, int m) {
    assertAgreesWithNaive("matmul", Kernel::matmul, kernel, random(n, k, 1), random(k, m, 2), n, k, m, 3);
  }

  @ParameterizedTest(autoCloseArguments = false, name = "{0} {1}x{2} . ({3}x{2})^T")
  @MethodSource("kernelsAndShapes")
  void matmulTransposeBAgreesWithNaive(Kernel kernel, int n, int k, int m) {
    assertAgreesWithNaive("matmulTransposeB", Kernel::matmulTransposeB, kernel, random(n, k, 4), random(m, k, 5), n,
        k, m, 6);
  }

  @ParameterizedTest(autoCloseArguments = false, name = "{0} ({2}x{1})^T . {2}x{3}")
  @MethodSource("kernelsAndShapes")
  void matmulTransposeAAgreesWithNaive(Kernel kernel, int n, int k, int m) {
    assertAgreesWithNaive("matmulTransposeA", Kernel::matmulTransposeA, kernel, random(k, n, 7), random(k, m, 8), n,
        k, m, 9);
  }

  @ParameterizedTest(autoCloseArguments = false, name = "{0} {1}x{2} . {2}x{3} + b")
  @MethodSource("kernelsAndShapes")
  void matmulAddBiasEqualsProductThenBias(Kernel kernel, int n, int k, int m) {
    Matrix a = random(n, k, 10);
    Matrix b = random(k, m, 11);
    Matrix bias = random(n, 1, 12);
    Matrix separate = Matrix.zeros(n, m);
    kernel.matmul(a, b, separate);
    kernel.addBias(separate, bias);
    Matrix fused = random(n, m, 13);
    kernel.matmulAddBias(a, b, bias, fused);
    assertThat(fused).as("fused product and bias, bit for bit").isEqualTo(separate);
    assertThat(fused).as("the bias was added").isNotEqualTo(productOnly(kernel, a, b));
  }

  private static Matrix productOnly(Kernel kernel, Matrix a, Matrix b) {
    Matrix c = Matrix.zeros(a.rows(), b.cols());
    kernel.matmul(a, b, c);
    return c;
  }

  @ParameterizedTest(autoCloseArguments = false, name = "{0}")
  @MethodSource("kernels")
  void elementwisePassesMatchTheirDefinitions(Kernel kernel) {
    Matrix z = random(5, 11, 14);
    Matrix bias = random(5, 1, 15);

    Matrix separateZ = z.copy();
    kernel.addBias(separateZ, bias);
    Matrix separateA = Matrix.zeros(5, 11);
    kernel.activate(SOFTPLUS, separateZ, separateA);
    assertThat(separateZ.get(3, 4)).isEqualTo(z.get(3, 4) + bias.get(3, 0));
    assertThat(separateA.get(3, 4)).isEqualTo(SOFTPLUS.apply(z.get(3, 4) + bias.get(3, 0)));

    Matrix da = random(5, 11, 16);
    Matrix dz = Matrix.zeros(5, 11);
    kernel.activationBackward(SOFTPLUS, separateZ, separateA, da, dz);
    assertThat(dz.get(2, 7)).isEqualTo(da.get(2, 7) * SOFTPLUS.derivative(separateZ.get(2, 7), separateA.get(2, 7)));

    Matrix sums = Matrix.zeros(5, 1);
    kernel.rowSums(da, sums);
    double row1 = 0;
    for (int j = 0; j < 11; j++) {
      row1 += da.get(1, j);
    }
    assertThat(sums.get(1, 0)).isEqualTo(row1);

    Matrix y = z.copy();
    kernel.axpy(-0.5, da, y);
    assertThat(y.get(4, 10)).isEqualTo(z.get(4, 10) + -0.5 * da.get(4, 10));
  }

  /**
   * The passes layers and optimizers hand to the kernel (softmax, dropout, optimizer steps): each
   * is defined element by element, so every kernel must give the naive kernel's bits exactly, on a
   * length that leaves a vector tail.
   */
  @ParameterizedTest(autoCloseArguments = false, name = "{0}")
  @MethodSource("kernels")
  void layerAndOptimizerPassesEqualTheNaiveKernelBitForBit(Kernel kernel) {
    Matrix z = random(10, 67, 20);
    Matrix da = random(10, 67, 21);
    Matrix expected = Matrix.zeros(10, 67);
    Matrix actual = random(10, 67, 22);
    NAIVE.softmaxColumns(z, expected);
    kernel.softmaxColumns(z, actual);
    assertThat(actual).as("softmaxColumns").isEqualTo(expected);
    Matrix a = expected.copy();
    NAIVE.softmaxBackward(a, da, expected);
    kernel.softmaxBackward(a, da, actual);
    assertThat(actual).as("softmaxBackward").isEqualTo(expected);

    Matrix maskExpected = Matrix.zeros(9, 29);
    Matrix maskActual = random(9, 29, 23);
    NAIVE.dropoutMask(new io.jdnn.core.math.NumpyRandom(3), 0.7, maskExpected);
    kernel.dropoutMask(new io.jdnn.core.math.NumpyRandom(3), 0.7, maskActual);
    assertThat(maskActual).as("dropoutMask").isEqualTo(maskExpected);
    assertThat(maskActual.data()).as("dropoutMask keeps and drops").contains(0.0, 1 / 0.7);
    Matrix x = random(9, 29, 24);
    Matrix productExpected = Matrix.zeros(9, 29);
    Matrix productActual = random(9, 29, 25);
    NAIVE.multiply(x, maskExpected, productExpected);
    kernel.multiply(x, maskActual, productActual);
    assertThat(productActual).as("multiply").isEqualTo(productExpected);

    Matrix[] naiveState = {random(13, 37, 26), Matrix.zeros(13, 37), Matrix.zeros(13, 37)};
    Matrix[] state = {naiveState[0].copy(), Matrix.zeros(13, 37), Matrix.zeros(13, 37)};
    AdamRule rule = new AdamRule(0.9, 0.999, 1e-8);
    for (int t = 1; t <= 5; t++) {
      Matrix g = random(13, 37, 30 + t);
      NAIVE.adamStep(rule, 1e-3, t, naiveState[1], naiveState[2], g, naiveState[0]);
      kernel.adamStep(rule, 1e-3, t, state[1], state[2], g, state[0]);
      assertThat(state).as("adamStep %d: value, m, v", t).isEqualTo(naiveState);
      NAIVE.momentumStep(0.9, 0.01, naiveState[1], g, naiveState[0]);
      kernel.momentumStep(0.9, 0.01, state[1], g, state[0]);
      assertThat(state).as("momentumStep %d: value, velocity", t).isEqualTo(naiveState);
    }
    assertThat(state[0]).as("the steps moved the value").isNotEqualTo(random(13, 37, 26));

    // Large enough for the vector kernel to share Adam's step between its threads, and a length
    // (129 x 263 = 33,927) that leaves a scalar tail after whole vectors of 4 or 8.
    Matrix[] naiveLarge = {random(129, 263, 40), Matrix.zeros(129, 263), Matrix.zeros(129, 263)};
    Matrix[] large = {naiveLarge[0].copy(), Matrix.zeros(129, 263), Matrix.zeros(129, 263)};
    assertThat(large[0].size()).as("an Adam step the vector kernel shares").isGreaterThanOrEqualTo(VectorKernel.SHARE_ADAM_FROM);
    for (int t = 1; t <= 3; t++) {
      Matrix g = random(129, 263, 40 + t);
      NAIVE.adamStep(rule, 1e-3, t, naiveLarge[1], naiveLarge[2], g, naiveLarge[0]);
      kernel.adamStep(rule, 1e-3, t, large[1], large[2], g, large[0]);
      assertThat(large).as("adamStep %d of 129x263: value, m, v", t).isEqualTo(naiveLarge);
    }
  }

  @ParameterizedTest(autoCloseArguments = false, name = "{0}")
  @MethodSource("kernels")
  void shapeMismatchesNameTheOperationAndShapes(Kernel kernel) {
    Matrix a = Matrix.zeros(2, 3);
    assertThatThrownBy(() -> kernel.matmul(a, Matrix.zeros(4, 5), Matrix.zeros(2, 5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("matmul").hasMessageContaining("2x3").hasMessageContaining("4x5");
    assertThatThrownBy(() -> kernel.matmul(a, Matrix.zeros(3, 5), Matrix.zeros(2, 4)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 2x5");
    assertThatThrownBy(() -> kernel.matmulTransposeB(a, Matrix.zeros(5, 4), Matrix.zeros(2, 5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matmulTransposeB");
    assertThatThrownBy(() -> kernel.matmulTransposeA(a, Matrix.zeros(3, 5), Matrix.zeros(3, 5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matmulTransposeA");
    assertThatThrownBy(() -> kernel.matmulAddBias(a, Matrix.zeros(3, 5), Matrix.zeros(3, 1), Matrix.zeros(2, 5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bias is 3x1, expected 2x1");
  }

  @ParameterizedTest(autoCloseArguments = false, name = "{0}")
  @MethodSource("kernels")
  void emptySumsGiveZeros(Kernel kernel) {
    Matrix c = random(3, 4, 17);
    kernel.matmul(Matrix.zeros(3, 0), Matrix.zeros(0, 4), c);
    assertThat(c.data()).containsOnly(0.0);
    double[] stale = new double[12];
    Arrays.fill(stale, 7.0);
    Matrix d = Matrix.of(3, 4, stale);
    kernel.matmulTransposeB(Matrix.zeros(3, 0), Matrix.zeros(4, 0), d);
    assertThat(d.data()).containsOnly(0.0);
  }
}
