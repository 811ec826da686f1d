package io.jdnn.core.kernel;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;

/**
 * The arithmetic a dense network needs, in one small interface, so the implementation can be
 * swapped (ojalgo, plain Java, the Vector API) without touching a layer.
 *
 * <p>Every method writes into an output the caller allocated, and checks shapes, throwing an
 * {@link IllegalArgumentException} that names the operation and the shapes. Implementations must be
 * deterministic: the same inputs give bit-identical outputs whatever the thread count, so work is
 * split over output elements, never over a summation axis.
 *
 * <p>A product may read a {@linkplain Matrix#ofUnsignedBytes byte-backed} operand through its
 * {@link Matrix#unsignedBytes()} instead of its doubles, provided it computes with the same values.
 *
 * <p>The element-wise passes have plain-Java defaults (in a course iteration the products take
 * nearly all of the time); a kernel overrides them where it can do better.
 *
 * <p><b>Fused passes.</b> Each element-wise step of a dense network is one pass over its arrays:
 * {@link #matmulAddBias} adds the bias while the product is stored, so a dense layer and its
 * activation touch {@code Z} twice (product, activation), as a fused bias-and-activation pass would,
 * without the layers having to know each other; {@link #activationBackward} is the derivative times
 * the upstream gradient; {@link #rowSums} is {@code db}. Fused and unfused forms give the same bits.
 *
 * <pre>{@code
 * Kernel k = Kernels.get();
 * k.matmulAddBias(w, x, b, z); // z = w . x + b
 * k.activate(relu, z, a);      // a = max(0, z)
 * }</pre>
 */
public interface Kernel {

  /** A short name for logs and benchmarks, e.g. {@code "ojalgo"}. */
  String name();

  /** How many threads the products use. */
  int threads();

  /** {@code c = a . b}; a is n x k, b is k x m, c is n x m. */
  void matmul(Matrix a, Matrix b, Matrix c);

  /** {@code c = a . b^T}; a is n x k, b is m x k, c is n x m. */
  void matmulTransposeB(Matrix a, Matrix b, Matrix c);

  /** {@code c = a^T . b}; a is k x n, b is k x m, c is n x m. */
  void matmulTransposeA(Matrix a, Matrix b, Matrix c);

  /**
   * {@code c = a . b + bias}: a dense layer's forward product with its bias (bias is a.rows x 1,
   * broadcast over the columns), bit-identical to {@link #matmul} followed by {@link #addBias};
   * a kernel may add the bias while it stores each block of c instead of in a second pass.
   */
  default void matmulAddBias(Matrix a, Matrix b, Matrix bias, Matrix c) {
    matmul(a, b, c);
    addBias(c, bias);
  }

  /** {@code z[i][j] += bias[i]}; bias is z.rows x 1 (a column broadcast over the examples). */
  default void addBias(Matrix z, Matrix bias) {
    ElementwiseLoops.addBias(z, bias);
  }

  /** {@code out[i] = sum_j a[i][j]}; out is a.rows x 1 (db of a dense layer). */
  default void rowSums(Matrix a, Matrix out) {
    ElementwiseLoops.rowSums(a, out);
  }

  /** {@code a = f(z)} element-wise. */
  default void activate(ElementFunction f, Matrix z, Matrix a) {
    ElementwiseLoops.activate(f, z, a);
  }

  /** {@code dz = da * f'(z)} element-wise, where {@code a = f(z)} was cached by the forward pass. */
  default void activationBackward(ElementFunction f, Matrix z, Matrix a, Matrix da, Matrix dz) {
    ElementwiseLoops.activationBackward(f, z, a, da, dz);
  }

  /** {@code y += alpha * x} element-wise (a gradient-descent step has alpha = -learning rate). */
  default void axpy(double alpha, Matrix x, Matrix y) {
    ElementwiseLoops.axpy(alpha, x, y);
  }

  /**
   * The softmax down each column: {@code a[i][j] = exp(z[i][j] - mx) / sum_r exp(z[r][j] - mx)}, where
   * {@code mx} is the column's largest value (which changes nothing mathematically and keeps
   * {@code exp} from overflowing); {@code z} and {@code a} are {@code k x m}, k classes by m examples.
   */
  default void softmaxColumns(Matrix z, Matrix a) {
    ElementwiseLoops.softmaxColumns(z, a);
  }

  /**
   * The softmax's backward pass, column by column: {@code dz[i][j] = a[i][j] (da[i][j] - sum_r
   * a[r][j] da[r][j])}, where {@code a} is the softmax's output; all {@code k x m}.
   */
  default void softmaxBackward(Matrix a, Matrix da, Matrix dz) {
    ElementwiseLoops.softmaxBackward(a, da, dz);
  }

  /**
   * An inverted-dropout mask: {@code mask[i] = 1 / keep} where {@code rng.nextDouble() < keep}, else
   * 0, one draw per element in row-major order (so the same generator state gives the same mask on
   * every kernel).
   */
  default void dropoutMask(NumpyRandom rng, double keep, Matrix mask) {
    ElementwiseLoops.dropoutMask(rng, keep, mask);
  }

  /** {@code out = x * y} element-wise (a mask applied to a signal or its gradient); all the same shape. */
  default void multiply(Matrix x, Matrix y, Matrix out) {
    ElementwiseLoops.multiply(x, y, out);
  }

  /**
   * One momentum step on one parameter, in one pass: {@code v = beta v + (1 - beta) g}, then
   * {@code value -= learningRate v}, element by element.
   */
  default void momentumStep(double beta, double learningRate, Matrix velocity, Matrix gradient, Matrix value) {
    ElementwiseLoops.momentumStep(beta, learningRate, velocity, gradient, value);
  }

  /**
   * One Adam step on one parameter, in one pass over its elements (see {@link AdamRule} for the
   * formula): updates the moments {@code m} and {@code v} from {@code gradient} and moves
   * {@code value}; {@code step} is t, counted from 1.
   */
  default void adamStep(AdamRule rule, double learningRate, long step, Matrix m, Matrix v, Matrix gradient,
      Matrix value) {
    ElementwiseLoops.adamStep(rule, learningRate, step, m, v, gradient, value);
  }

  /** Shape check shared by implementations. */
  static void requireShapes(String op, Matrix c, int rows, int cols, Matrix a, Matrix b) {
    if (c.rows() != rows || c.cols() != cols) {
      throw new IllegalArgumentException(op + ": output is " + c.shape() + ", expected " + rows + "x" + cols
          + " for inputs " + a.shape() + " and " + b.shape());
    }
  }

  /** Checks that {@code bias} is a column with one value per row of {@code z}. */
  static void requireBias(String op, Matrix z, Matrix bias) {
    if (bias.rows() != z.rows() || bias.cols() != 1) {
      throw new IllegalArgumentException(op + ": bias is " + bias.shape() + ", expected " + z.rows() + "x1");
    }
  }

  /** Checks the inner dimensions of a product. */
  static void requireInner(String op, int left, int right, Matrix a, Matrix b) {
    if (left != right) {
      throw new IllegalArgumentException(op + ": inner dimensions differ (" + left + " vs " + right
          + ") for " + a.shape() + " and " + b.shape());
    }
  }
}
