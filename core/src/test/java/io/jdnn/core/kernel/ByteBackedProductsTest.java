package io.jdnn.core.kernel;

import static io.jdnn.core.kernel.KernelFixtures.random;
import static io.jdnn.core.kernel.KernelFixtures.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.math.Matrix;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A byte-backed B (images, {@link Matrix#ofUnsignedBytes}) gives the vector kernel's products the
 * same bits as a plain matrix of the same doubles, on every product that reads B, for the shapes
 * of {@link KernelFixtures#SHAPES} and the course's dZ1.X^T, on one and two threads: the kernel decodes the bytes into
 * exactly the doubles the matrix holds, and the loops after that are the same.
 */
class ByteBackedProductsTest {
  /**
   * The kernel tests' shapes, the course's dZ1.X^T (X's 12,288 rows decoded group by group), a
   * wide C split between threads (parts of about 136 columns, panels of 128 rows), and a B of more
   * than {@link ByteSource#TOUCH_MIN_BYTES}, whose panels are touched before decoding.
   */
  private static final int[] LARGE = {4, 4096, 2049};
  private static final int[][] SHAPES = Stream.concat(Arrays.stream(KernelFixtures.SHAPES),
      Stream.of(new int[] {20, 209, 12288}, new int[] {8, 300, 1100}, LARGE)).toArray(int[][]::new);

  @Test
  void theLargeShapeTakesTheTouchingPath() {
    assertThat((long) LARGE[1] * LARGE[2]).isGreaterThanOrEqualTo(ByteSource.TOUCH_MIN_BYTES);
  }

  @BeforeAll
  static void decoderAvailable() {
    Assumptions.assumeTrue(ByteDecoder.SUPPORTED, "the byte path needs 512-bit or 256-bit vectors");
  }

  @ParameterizedTest(name = "divisor {0}")
  @ValueSource(doubles = {255.0, 1e-310}) // the reciprocal path, and the division path
  void productsFromBytesEqualProductsFromDoubles(double divisor) {
    try (VectorKernel one = new VectorKernel(1);
        VectorKernel two = new VectorKernel(2, VectorKernel.narrowBlocksFit(), KernelFixtures.SMALL_SHARE_FROM)) {
      for (int[] s : SHAPES) {
        int n = s[0];
        int k = s[1];
        int m = s[2];
        long seed = 31L * n + 7L * k + m;
        Matrix a = random(n, k, seed);
        Matrix at = random(k, n, seed + 1);
        Matrix bias = random(n, 1, seed + 2);
        Matrix b = randomBytes(k, m, seed + 3, divisor);
        Matrix bt = randomBytes(m, k, seed + 4, divisor);
        assertThat(b.unsignedBytes()).isNotNull();
        String shape = n + "x" + k + "x" + m;
        for (VectorKernel kernel : new VectorKernel[] {one, two}) {
          String what = shape + " on " + kernel.threads() + " threads";
          assertThat(ab(kernel, a, b)).as("A.B, " + what).isEqualTo(ab(kernel, a, b.copy()));
          assertThat(abBias(kernel, a, b, bias)).as("A.B + bias, " + what).isEqualTo(abBias(kernel, a, b.copy(), bias));
          assertThat(atb(kernel, at, b)).as("A^T.B, " + what).isEqualTo(atb(kernel, at, b.copy()));
          assertThat(abt(kernel, a, bt)).as("A.B^T, " + what).isEqualTo(abt(kernel, a, bt.copy()));
        }
      }
    }
  }

  private static Matrix ab(Kernel kernel, Matrix a, Matrix b) {
    Matrix c = Matrix.zeros(a.rows(), b.cols());
    kernel.matmul(a, b, c);
    return c;
  }

  private static Matrix abBias(Kernel kernel, Matrix a, Matrix b, Matrix bias) {
    Matrix c = Matrix.zeros(a.rows(), b.cols());
    kernel.matmulAddBias(a, b, bias, c);
    return c;
  }

  private static Matrix atb(Kernel kernel, Matrix at, Matrix b) {
    Matrix c = Matrix.zeros(at.cols(), b.cols());
    kernel.matmulTransposeA(at, b, c);
    return c;
  }

  private static Matrix abt(Kernel kernel, Matrix a, Matrix bt) {
    Matrix c = Matrix.zeros(a.rows(), bt.rows());
    kernel.matmulTransposeB(a, bt, c);
    return c;
  }
}
