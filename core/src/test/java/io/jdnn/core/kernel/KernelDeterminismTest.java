package io.jdnn.core.kernel;

import static io.jdnn.core.kernel.KernelFixtures.random;
import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.math.Matrix;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.ojalgo.matrix.operation.MultiplyNeither;

/**
 * Bit-identical products for any thread count: work is split over output elements, never over the
 * summation axis. The shapes are large enough that the kernels really do split them.
 */
class KernelDeterminismTest {
  /**
   * n, k, m: the course's two big products and W1^T.dZ1, a C wide enough to split by columns, one
   * split by rows, a cube, and one computed whole on one thread, in panels of 123 rows (265
   * columns wide), and in parts of about 130 columns on two or three, in panels of 128 rows: every
   * element sums across panels that end in different places.
   */
  private static final int[][] SHAPES = {{20, 12288, 209}, {37, 300, 101}, {1001, 200, 9}, {104, 104, 104},
      {8, 600, 265}};

  /** The three products of a kernel on random operands of one shape. */
  private static Matrix[] products(Kernel kernel, int n, int k, int m) {
    Matrix ab = Matrix.zeros(n, m);
    kernel.matmul(random(n, k, 1), random(k, m, 2), ab);
    Matrix abt = Matrix.zeros(n, m);
    kernel.matmulTransposeB(random(n, k, 3), random(m, k, 4), abt);
    Matrix atb = Matrix.zeros(n, m);
    kernel.matmulTransposeA(random(k, n, 5), random(k, m, 6), atb);
    Matrix biased = Matrix.zeros(n, m);
    kernel.matmulAddBias(random(n, k, 1), random(k, m, 2), random(n, 1, 7), biased);
    return new Matrix[] {ab, abt, atb, biased};
  }

  /** A kernel that shares products from a million multiply-adds, so that these shapes are split. */
  private static VectorKernel splitting(int threads) {
    return new VectorKernel(threads, VectorKernel.narrowBlocksFit(), KernelFixtures.SMALL_SHARE_FROM);
  }

  @Test
  void vectorKernelGivesTheSameBitsOnOneTwoAndThreeThreads() {
    for (int[] s : SHAPES) {
      assertThat((long) s[0] * s[1] * s[2]).as("shape big enough to be split")
          .isGreaterThanOrEqualTo(KernelFixtures.SMALL_SHARE_FROM);
      Matrix[] one;
      Matrix[] two;
      Matrix[] three;
      try (VectorKernel k1 = new VectorKernel(1); VectorKernel k2 = splitting(2);
          VectorKernel k3 = splitting(3)) {
        one = products(k1, s[0], s[1], s[2]);
        two = products(k2, s[0], s[1], s[2]);
        three = products(k3, s[0], s[1], s[2]);
      }
      for (int p = 0; p < one.length; p++) {
        assertThat(two[p]).as("product %d of %dx%dx%d, 2 threads", p, s[0], s[1], s[2]).isEqualTo(one[p]);
        assertThat(three[p]).as("product %d of %dx%dx%d, 3 threads", p, s[0], s[1], s[2]).isEqualTo(one[p]);
      }
    }
  }

  /**
   * The narrow register blocks (for 16 vector registers) and the wide ones (for 32) compute each
   * element as the same chain, so whichever a machine uses, and on any thread count, the bits are
   * the same. Shapes with 6-row blocks and edges of every kind (rows left over in twos and alone,
   * more rows than the narrow blocks pack at once, a summation over two panels, strips with a
   * vector and a scalar column left), plus the digits network's.
   */
  @Test
  void narrowAndWideRegisterBlocksGiveTheSameBits() {
    int[][] shapes = {{20, 12288, 209}, {37, 300, 101}, {128, 784, 64}, {128, 64, 784}, {64, 128, 64},
        {10, 64, 64}, {13, 5, 35}, {6, 7, 16}, {1001, 200, 9}, {103, 40, 37}, {98, 130, 21}, {5, 9, 13}};
    for (int[] s : shapes) {
      Matrix[] wide;
      Matrix[] narrow;
      Matrix[] narrowShared;
      try (VectorKernel w = new VectorKernel(1, false, KernelFixtures.SMALL_SHARE_FROM);
          VectorKernel n = new VectorKernel(1, true, KernelFixtures.SMALL_SHARE_FROM);
          VectorKernel n2 = new VectorKernel(2, true, KernelFixtures.SMALL_SHARE_FROM)) {
        assertThat(n.narrow()).isTrue();
        assertThat(w.narrow()).isFalse();
        wide = products(w, s[0], s[1], s[2]);
        narrow = products(n, s[0], s[1], s[2]);
        narrowShared = products(n2, s[0], s[1], s[2]);
      }
      for (int p = 0; p < wide.length; p++) {
        assertThat(narrow[p]).as("product %d of %dx%dx%d, narrow blocks", p, s[0], s[1], s[2]).isEqualTo(wide[p]);
        assertThat(narrowShared[p]).as("product %d of %dx%dx%d, narrow on 2 threads", p, s[0], s[1], s[2])
            .isEqualTo(wide[p]);
      }
    }
  }

  @Test
  void optimizerStepsGiveTheSameBitsOnOneTwoAndThreeThreads() {
    AdamRule rule = new AdamRule(0.9, 0.999, 1e-8);
    Matrix[][] results = new Matrix[3][];
    for (int threads = 1; threads <= 3; threads++) {
      try (VectorKernel k = new VectorKernel(threads)) {
        Matrix w = random(128, 785, 1); // W1 of the digits network and its bias, as one array
        assertThat(w.size()).as("an Adam step the threads share").isGreaterThanOrEqualTo(VectorKernel.SHARE_ADAM_FROM);
        Matrix m = Matrix.zeros(128, 785);
        Matrix v = Matrix.zeros(128, 785);
        Matrix velocity = Matrix.zeros(128, 785);
        for (int t = 1; t <= 3; t++) {
          Matrix g = random(128, 785, 10 + t);
          k.adamStep(rule, 1e-3, t, m, v, g, w);
          k.momentumStep(0.9, 0.01, velocity, g, w);
        }
        results[threads - 1] = new Matrix[] {w, m, v, velocity};
      }
    }
    assertThat(results[1]).as("2 threads").isEqualTo(results[0]);
    assertThat(results[2]).as("3 threads").isEqualTo(results[0]);
  }

  @Test
  void vectorKernelRepeatsItself() {
    try (VectorKernel k2 = splitting(2)) {
      Matrix[] first = products(k2, 37, 300, 101);
      Matrix[] again = products(k2, 37, 300, 101);
      assertThat(again).isEqualTo(first);
    }
  }

  @Test
  void ojalgoKernelGivesTheSameBitsOnOneAndTwoThreads() {
    IntSupplier saved = MultiplyNeither.PARALLELISM;
    try {
      OjalgoKernel kernel = new OjalgoKernel();
      for (int[] s : SHAPES) {
        MultiplyNeither.PARALLELISM = () -> 1;
        assertThat(kernel.threads()).isEqualTo(1);
        Matrix[] one = products(kernel, s[0], s[1], s[2]);
        MultiplyNeither.PARALLELISM = () -> 2;
        assertThat(kernel.threads()).isEqualTo(2);
        Matrix[] two = products(kernel, s[0], s[1], s[2]);
        for (int p = 0; p < one.length; p++) {
          assertThat(two[p]).as("product %d of %dx%dx%d", p, s[0], s[1], s[2]).isEqualTo(one[p]);
        }
      }
    } finally {
      MultiplyNeither.PARALLELISM = saved;
    }
  }
}
