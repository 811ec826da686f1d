package io.jdnn.layers;

import io.jdnn.core.kernel.Kernel;
import io.jdnn.core.kernel.Kernels;
import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.memory.Heap;
import io.jdnn.core.nn.BufferCache;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Layer;
import io.jdnn.core.nn.Parameter;
import java.util.List;

/**
 * A fully connected layer: {@code Z = W . X + b}.
 *
 * <p>Shapes: input {@code X} is {@code in x m}, weights {@code W} are {@code out x in}, bias
 * {@code b} is {@code out x 1} (broadcast over the m examples), output {@code Z} is {@code out x m}.
 * Backward, from {@code dZ}: {@code dW = dZ . X^T}, {@code db = sum over examples of dZ},
 * {@code dX = W^T . dZ} (the loss gradient already carries the 1/m of the mean cost).
 *
 * <p>Initialisation: {@code W} from the given {@link Initializer} (drawn row by row, as NumPy's
 * {@code randn(out, in)}), {@code b = 0}. A new layer is already initialised, as PyTorch's
 * {@code Linear} and Keras' {@code Dense} are: {@code W} is {@link #DEFAULT_INITIALIZER} (LeCun
 * normal, {@code randn(out, in) / sqrt(in)}) drawn from {@code new NumpyRandom(}{@value
 * #DEFAULT_SEED}{@code )}, so a program that never calls {@link #initialize} still trains (at zero
 * weights every hidden unit would stay alike and the cost stuck at {@code ln 2}) and repeats
 * itself run after run. Call {@link #initialize} (or {@code Sequential.initialize}) to choose the
 * initialiser and the seed; it overwrites every weight, so the result does not depend on the
 * construction-time values.
 *
 * <p><b>Without a bias</b> ({@code new Dense(in, out, false)}): {@code Z = W . X}, parameters
 * {@code W} only. Use it before a {@link BatchNormalization}, which subtracts each row's mean and
 * so would cancel any {@code b} (its {@code beta} takes the bias's place); a bias there would only
 * drift, its gradient being zero up to rounding.
 *
 * <pre>{@code
 * Dense hidden = new Dense(12288, 20); // W1 is 20x12288 (LeCun normal, seed 0), b1 is 20x1 zeros
 * hidden.initialize(Initializer.HE, new NumpyRandom(1));
 * }</pre>
 */
public final class Dense implements Layer {
  private final int in;
  private final int out;
  private final Parameter weights;
  private final Parameter bias;
  private final List<Parameter> parameters;
  private final BufferCache outputs = new BufferCache();
  private final BufferCache inputGradients = new BufferCache();
  private Matrix input;

  /** How a new layer's {@code W} starts: LeCun normal, the course's L-layer initialisation. */
  public static final Initializer DEFAULT_INITIALIZER = Initializer.LECUN;
  /** The seed of the {@link NumpyRandom} a new layer's {@code W} is drawn from. */
  public static final long DEFAULT_SEED = 0;

  /**
   * A layer from {@code in} features to {@code out}, initialised with {@link #DEFAULT_INITIALIZER}
   * from {@code new NumpyRandom(DEFAULT_SEED)} and zero biases.
   */
  public Dense(int in, int out) {
    this(in, out, true);
  }

  /** As {@link #Dense(int, int)}; without the bias {@code b} when {@code withBias} is false. */
  public Dense(int in, int out, boolean withBias) {
    if (in < 1 || out < 1) {
      throw new IllegalArgumentException("Dense sizes must be positive, got in=" + in + ", out=" + out);
    }
    checkSize(in, out);
    this.in = in;
    this.out = out;
    this.weights = new Parameter("W", Matrix.zeros(out, in));
    this.bias = withBias ? new Parameter("b", Matrix.zeros(out, 1), false) : null;
    this.parameters = withBias ? List.of(weights, bias) : List.of(weights);
    initialize(DEFAULT_INITIALIZER, new NumpyRandom(DEFAULT_SEED));
  }

  /**
   * Sizes come from model files and command lines: checked, without overflow, before anything is
   * allocated, so a 100,000-wide layer is a message saying how much it needs, not an OutOfMemoryError.
   */
  private static void checkSize(int in, int out) {
    long weights = (long) out * in;
    if (weights > Heap.MAX_ARRAY) {
      throw new IllegalArgumentException("Dense(" + in + " -> " + out + "): W would be " + out + "x" + in + " = "
          + weights + " values, more than one Java array can hold (" + Heap.MAX_ARRAY + ")");
    }
    // W, b and their gradients.
    String refusal = Heap.refusal(Heap.bytes(2 * Double.BYTES, Heap.sum(weights, out)));
    if (refusal != null) {
      throw new IllegalArgumentException("Dense(" + in + " -> " + out + "): W (" + out + "x" + in + "), b and their"
          + " gradients " + refusal);
    }
  }

  public int in() {
    return in;
  }

  public int out() {
    return out;
  }

  /** {@code W}, {@code out x in}. */
  public Parameter weights() {
    return weights;
  }

  /** Whether this layer adds a bias {@code b}. */
  public boolean hasBias() {
    return bias != null;
  }

  /**
   * {@code b}, {@code out x 1}.
   *
   * @throws IllegalStateException when this layer has no bias
   */
  public Parameter bias() {
    if (bias == null) {
      throw new IllegalStateException(this + " has no bias");
    }
    return bias;
  }

  @Override
  public int outputSize(int inputSize) {
    if (inputSize != ANY_SIZE && inputSize != in) {
      throw new IllegalArgumentException(this + " takes " + in + " features, got " + inputSize);
    }
    return out;
  }

  @Override
  public void initialize(Initializer initializer, NumpyRandom rng) {
    initializer.initialize(weights.value(), in, out, rng);
    if (bias != null) {
      bias.value().fill(0.0);
    }
  }

  @Override
  public List<Parameter> parameters() {
    return parameters;
  }

  @Override
  public Matrix forward(Matrix x) {
    checkInput(x);
    Matrix output = outputs.get(out, x.cols());
    compute(x, output);
    input = x;
    return output;
  }

  @Override
  public Matrix predict(Matrix x) {
    checkInput(x);
    Matrix z = Matrix.zeros(out, x.cols());
    compute(x, z);
    return z;
  }

  private void compute(Matrix x, Matrix z) {
    if (bias == null) {
      Kernels.get().matmul(weights.value(), x, z);
    } else {
      // One pass: the kernel adds b while it stores each block of the product.
      Kernels.get().matmulAddBias(weights.value(), x, bias.value(), z);
    }
  }

  @Override
  public Matrix backward(Matrix dz, boolean inputGradientNeeded) {
    if (input == null) {
      throw new IllegalStateException(this + ": backward called before forward");
    }
    if (dz.rows() != out || dz.cols() != input.cols()) {
      throw new IllegalArgumentException(this + ": gradient of the output is " + dz.shape()
          + ", expected " + out + "x" + input.cols());
    }
    Kernel k = Kernels.get();
    k.matmulTransposeB(dz, input, weights.gradient());
    if (bias != null) {
      k.rowSums(dz, bias.gradient());
    }
    if (!inputGradientNeeded) {
      return null;
    }
    Matrix inputGradient = inputGradients.get(in, input.cols());
    k.matmulTransposeA(weights.value(), dz, inputGradient);
    return inputGradient;
  }

  private void checkInput(Matrix x) {
    if (x.rows() != in) {
      throw new IllegalArgumentException(this + ": input is " + x.shape() + ", expected " + in + " rows (features)");
    }
  }

  @Override
  public String toString() {
    return "Dense(in=" + in + ", out=" + out + (bias == null ? ", bias=false" : "") + ")";
  }
}
