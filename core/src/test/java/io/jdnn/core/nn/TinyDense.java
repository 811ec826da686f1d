package io.jdnn.core.nn;

import io.jdnn.core.kernel.Kernels;
import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import java.util.List;

/** A test fixture: {@code Z = W X + b} (core's tests cannot use the layers module's Dense). */
public final class TinyDense implements Layer {
  final Parameter w;
  final Parameter b;
  private Matrix input;
  private final BufferCache outputs = new BufferCache();
  private final BufferCache inputGradients = new BufferCache();

  /** A layer of {@code out} units on {@code in} inputs, at zero until initialised. */
  public TinyDense(int in, int out) {
    w = new Parameter("W", Matrix.zeros(out, in));
    b = new Parameter("b", Matrix.zeros(out, 1), false);
  }

  @Override
  public int outputSize(int inputSize) {
    return w.value().rows();
  }

  @Override
  public void initialize(Initializer initializer, NumpyRandom rng) {
    initializer.initialize(w.value(), w.value().cols(), w.value().rows(), rng);
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(w, b);
  }

  @Override
  public Matrix forward(Matrix x) {
    Matrix output = outputs.get(w.value().rows(), x.cols());
    Kernels.get().matmul(w.value(), x, output);
    Kernels.get().addBias(output, b.value());
    input = x;
    return output;
  }

  @Override
  public Matrix predict(Matrix x) {
    Matrix z = Matrix.zeros(w.value().rows(), x.cols());
    Kernels.get().matmul(w.value(), x, z);
    Kernels.get().addBias(z, b.value());
    return z;
  }

  @Override
  public Matrix backward(Matrix dz, boolean inputGradientNeeded) {
    Kernels.get().matmulTransposeB(dz, input, w.gradient());
    Kernels.get().rowSums(dz, b.gradient());
    if (!inputGradientNeeded) {
      return null;
    }
    Matrix inputGradient = inputGradients.get(w.value().cols(), dz.cols());
    Kernels.get().matmulTransposeA(w.value(), dz, inputGradient);
    return inputGradient;
  }

  @Override
  public String toString() {
    return "TinyDense(" + w.value().cols() + "->" + w.value().rows() + ")";
  }
}
