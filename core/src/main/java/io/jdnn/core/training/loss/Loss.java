package io.jdnn.core.training.loss;

import io.jdnn.core.math.Matrix;

/**
 * A cost {@code J(A, Y)} of predictions {@code A} against labels {@code Y} (both {@code k x m},
 * examples in columns), averaged over the m examples, and its gradient {@code dJ/dA}.
 *
 * <p>Because the cost is a mean, the gradient carries the {@code 1/m}; layers downstream never
 * divide by m again.
 *
 * <pre>{@code
 * double cost = loss.cost(aL, y);
 * loss.gradient(aL, y, dAL);
 * model.backward(dAL);
 * }</pre>
 */
public interface Loss {

  /** The mean cost over the examples. */
  double cost(Matrix predictions, Matrix labels);

  /** Writes {@code dJ/dPredictions} into {@code out} (shape of the predictions). */
  void gradient(Matrix predictions, Matrix labels, Matrix out);

  /**
   * Throws an {@link IllegalArgumentException} naming {@code what} and the first label this loss
   * cannot take (e.g. binary cross-entropy needs 0 or 1). Training calls it once, before the first
   * iteration; the default accepts anything.
   */
  default void checkLabels(Matrix labels, String what) {}
}
