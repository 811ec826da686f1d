package io.jdnn.layers;

import io.jdnn.core.kernel.Kernels;
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

  /** The softmax of each column of {@code z} into {@code a}, by the kernel. */
  static void compute(Matrix z, Matrix a) {
    Kernels.get().softmaxColumns(z, a);
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
    Kernels.get().softmaxBackward(output, outputGradient, inputGradient);
    return inputGradient;
  }

  @Override
  public String toString() {
    return "Softmax()";
  }
}
