package io.jdnn.core.nn;

import io.jdnn.core.kernel.ElementFunction;
import io.jdnn.core.kernel.Kernels;
import io.jdnn.core.math.Matrix;

/**
 * An element-wise, parameter-free layer {@code a = f(z)}, defined by its function and derivative;
 * its backward pass is {@code dz = da * f'(z)}. Subclasses give {@link #apply} and
 * {@link #derivative}; buffers, caching and shape checks live here.
 *
 * <pre>{@code
 * final class Square extends Activation {
 *   public double apply(double z) { return z * z; }
 *   public double derivative(double z, double a) { return 2 * z; }
 * }
 * }</pre>
 */
public abstract class Activation implements Layer, ElementFunction {
  private final BufferCache outputs = new BufferCache();
  private final BufferCache inputGradients = new BufferCache();
  private Matrix input;
  private Matrix output;

  /** {@code f(z)}. */
  @Override
  public abstract double apply(double z);

  /** {@code f'(z)}, given also {@code a = f(z)} (cheaper for functions like the sigmoid). */
  @Override
  public abstract double derivative(double z, double a);

  @Override
  public int outputSize(int inputSize) {
    return inputSize;
  }

  @Override
  public Matrix forward(Matrix z) {
    output = outputs.get(z.rows(), z.cols());
    Kernels.get().activate(this, z, output);
    input = z;
    return output;
  }

  @Override
  public Matrix backward(Matrix outputGradient, boolean inputGradientNeeded) {
    if (input == null) {
      throw new IllegalStateException(this + ": backward called before forward");
    }
    if (!input.sameShape(outputGradient)) {
      // Built only on failure: an eager message would allocate a string every iteration.
      input.requireSameShape(outputGradient, this + ": gradient of the output");
    }
    if (!inputGradientNeeded) {
      return null;
    }
    Matrix inputGradient = inputGradients.get(input.rows(), input.cols());
    Kernels.get().activationBackward(this, input, output, outputGradient, inputGradient);
    return inputGradient;
  }

  @Override
  public Matrix predict(Matrix z) {
    Matrix a = Matrix.zeros(z.rows(), z.cols());
    Kernels.get().activate(this, z, a);
    return a;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "()";
  }
}
