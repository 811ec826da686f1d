package io.jdnn.layers;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Softmax} and {@link Dropout} now loop through the kernel ({@code softmaxColumns},
 * {@code softmaxBackward}, {@code dropoutMask}, {@code multiply}); this holds them to the loops they
 * ran before, copied here, bit for bit, on a shape whose length leaves vector tails.
 */
class KernelPassesMatchTheFormerLoopsTest {

  private static Matrix random(int rows, int cols, long seed, double scale) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] d = new double[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = rng.nextDouble(-scale, scale);
    }
    return Matrix.of(rows, cols, d);
  }

  @Test
  void softmaxForwardAndBackwardAreTheFormerLoopsBitForBit() {
    Matrix z = random(10, 67, 1, 30);
    Matrix da = random(10, 67, 2, 1);
    int k = z.rows();
    int m = z.cols();
    double[] zd = z.data();
    double[] expectedA = new double[k * m];
    for (int j = 0; j < m; j++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < k; i++) {
        max = Math.max(max, zd[i * m + j]);
      }
      double sum = 0;
      for (int i = 0; i < k; i++) {
        double e = Math.exp(zd[i * m + j] - max);
        expectedA[i * m + j] = e;
        sum += e;
      }
      for (int i = 0; i < k; i++) {
        expectedA[i * m + j] /= sum;
      }
    }
    double[] dad = da.data();
    double[] expectedDz = new double[k * m];
    for (int j = 0; j < m; j++) {
      double dot = 0;
      for (int i = 0; i < k; i++) {
        dot += expectedA[i * m + j] * dad[i * m + j];
      }
      for (int i = 0; i < k; i++) {
        expectedDz[i * m + j] = expectedA[i * m + j] * (dad[i * m + j] - dot);
      }
    }
    Softmax softmax = new Softmax();
    assertThat(softmax.forward(z).data()).isEqualTo(expectedA);
    assertThat(softmax.predict(z).data()).isEqualTo(expectedA);
    assertThat(softmax.backward(da, true).data()).isEqualTo(expectedDz);
  }

  @Test
  void dropoutForwardAndBackwardAreTheFormerLoopsBitForBit() {
    Matrix x = random(7, 45, 3, 2);
    Matrix da = random(7, 45, 4, 1);
    double keep = 0.8;
    NumpyRandom rng = new NumpyRandom(5);
    double[] d = new double[x.size()];
    double[] expectedA = new double[x.size()];
    double scale = 1.0 / keep;
    Dropout dropout = new Dropout(keep, 5);
    for (int r = 0; r < 2; r++) { // the generator moves on: the second mask is a new draw
      for (int i = 0; i < d.length; i++) {
        d[i] = rng.nextDouble() < keep ? scale : 0.0;
        expectedA[i] = x.data()[i] * d[i];
      }
      double[] expectedDx = new double[x.size()];
      for (int i = 0; i < d.length; i++) {
        expectedDx[i] = da.data()[i] * d[i];
      }
      assertThat(dropout.forward(x).data()).as("forward %d", r).isEqualTo(expectedA);
      assertThat(dropout.scaledMask().data()).as("mask %d", r).isEqualTo(d);
      assertThat(dropout.backward(da, true).data()).as("backward %d", r).isEqualTo(expectedDx);
    }
    assertThat(d).as("some units dropped, some kept").contains(0.0, scale);
  }
}
