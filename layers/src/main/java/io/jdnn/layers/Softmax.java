package io.jdnn.layers;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.BufferCache;
import io.jdnn.core.nn.Layer;

/**
 * The softmax over the feature axis, column by column: {@code a_i = exp(z_i - max z) / sum_k
 * exp(z_k - max z)} (shifting by the column's maximum changes nothing mathematically and keeps
 * {@code exp} from overflowing). Each column of the output is a probability distribution over the
 * k classes.
 *
 * <p>Backward: {@code dz_i = a_i (da_i - sum_k a_k da_k)}. Paired with
 * {@code CategoricalCrossEntropy} the trainer skips this and uses the fused
 * {@code dz = (a - y) / m}.
 *
 * <p>Shapes: input and output {@code k x m}.
 *
 * <pre>{@code
 * Sequential.of(new Dense(2, 100), new ReLU(), new Dense(100, 3), new Softmax());
 * }</pre>
 */
public final class Softmax implements Layer {
  private final BufferCache outputs = new BufferCache();
  private final BufferCache inputGradients = new BufferCache();
  private Matrix input;
  private Matrix output;

  @Override
  public int outputSize(int inputSize) {
    return inputSize;
  }

  @Override
  public Matrix forward(Matrix z) {
    output = outputs.get(z.rows(), z.cols());
    compute(z, output);
    input = z;
    return output;
  }

  @Override
  public Matrix predict(Matrix z) {
    Matrix a = Matrix.zeros(z.rows(), z.cols());
    compute(z, a);
    return a;
  }

  /**
   * A reduction down each column, which the element-wise Kernel does not offer; the loops walk the
   * row-major array with stride m and allocate nothing.
   */
  static void compute(Matrix z, Matrix a) {
    double[] zd = z.data();
    double[] ad = a.data();
    int k = z.rows();
    int m = z.cols();
    for (int j = 0; j < m; j++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < k; i++) {
        max = Math.max(max, zd[i * m + j]);
      }
      double sum = 0;
      for (int i = 0; i < k; i++) {
        double e = Math.exp(zd[i * m + j] - max);
        ad[i * m + j] = e;
        sum += e;
      }
      for (int i = 0; i < k; i++) {
        ad[i * m + j] /= sum;
      }
    }
  }

  @Override
  public Matrix backward(Matrix outputGradient, boolean inputGradientNeeded) {
    if (input == null) {
      throw new IllegalStateException(this + ": backward called before forward");
    }
    output.requireSameShape(outputGradient, this + ": gradient of the output");
    if (!inputGradientNeeded) {
      return null;
    }
    Matrix inputGradient = inputGradients.get(input.rows(), input.cols());
    double[] a = output.data();
    double[] da = outputGradient.data();
    double[] dz = inputGradient.data();
    int k = output.rows();
    int m = output.cols();
    for (int j = 0; j < m; j++) {
      double dot = 0;
      for (int i = 0; i < k; i++) {
        dot += a[i * m + j] * da[i * m + j];
      }
      for (int i = 0; i < k; i++) {
        dz[i * m + j] = a[i * m + j] * (da[i * m + j] - dot);
      }
    }
    return inputGradient;
  }

  @Override
  public String toString() {
    return "Softmax()";
  }
}
