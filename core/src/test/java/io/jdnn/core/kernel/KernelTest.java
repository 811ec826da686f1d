package io.jdnn.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kernel's products against the naive loops, on shapes that hit edges and the course's. */
class KernelTest {

  static Stream<Arguments> cases() {
    int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {20, 300, 209}, {17, 33, 65}, {4, 1, 9}};
    return Stream.of(new OjalgoKernel()).flatMap(k -> Stream.of(shapes).map(s -> Arguments.of(k, s[0], s[1], s[2])));
  }

  private static Matrix random(int rows, int cols, int seed) {
    NumpyRandom rng = new NumpyRandom(seed);
    Matrix m = Matrix.zeros(rows, cols);
    for (int i = 0; i < m.size(); i++) {
      m.data()[i] = rng.nextGaussian();
    }
    return m;
  }

  private static void assertClose(Matrix actual, Matrix expected) {
    assertThat(actual.shape()).isEqualTo(expected.shape());
    for (int i = 0; i < actual.size(); i++) {
      assertThat(actual.data()[i]).as("element %d", i).isCloseTo(expected.data()[i], within(1e-12 * (1 + Math.abs(expected.data()[i]))));
    }
  }

  @ParameterizedTest(name = "{0} {1}x{2} . {2}x{3}")
  @MethodSource("cases")
  void productsAgreeWithNaiveLoops(Kernel kernel, int n, int k, int m) {
    Kernel naive = new NaiveKernel();
    Matrix a = random(n, k, 1);
    Matrix b = random(k, m, 2);
    Matrix expected = Matrix.zeros(n, m);
    naive.matmul(a, b, expected);
    Matrix c = random(n, m, 9); // garbage in the output must be overwritten
    kernel.matmul(a, b, c);
    assertClose(c, expected);

    Matrix bt = b.transpose(); // m x k
    Matrix c2 = random(n, m, 9);
    kernel.matmulTransposeB(a, bt, c2);
    assertClose(c2, expected);

    Matrix at = a.transpose(); // k x n
    Matrix c3 = random(n, m, 9);
    kernel.matmulTransposeA(at, b, c3);
    assertClose(c3, expected);
  }

  @ParameterizedTest(name = "{0} {1}x{2} . {2}x{3}")
  @MethodSource("cases")
  void naiveProductIsTheTextbookSum(Kernel ignored, int n, int k, int m) {
    Matrix a = random(n, k, 3);
    Matrix b = random(k, m, 4);
    Matrix c = Matrix.zeros(n, m);
    new NaiveKernel().matmul(a, b, c);
    int i = n - 1;
    int j = m - 1;
    double s = 0;
    for (int p = 0; p < k; p++) {
      s += a.get(i, p) * b.get(p, j);
    }
    assertThat(c.get(i, j)).isCloseTo(s, within(1e-12 * (1 + Math.abs(s))));
  }

  @ParameterizedTest(name = "{0} {1}x{2} . {2}x{3}")
  @MethodSource("cases")
  void shapeMismatchNamesTheShapes(Kernel kernel, int n, int k, int m) {
    Matrix a = random(n, k, 1);
    Matrix b = random(k + 1, m, 2);
    assertThatThrownBy(() -> kernel.matmul(a, b, Matrix.zeros(n, m)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(a.shape())
        .hasMessageContaining(b.shape());
  }
}
