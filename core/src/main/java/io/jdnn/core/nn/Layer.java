package io.jdnn.core.nn;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import java.util.List;

/**
 * One step of a network: {@code output = f(input)} on a batch of examples held in columns
 * ({@code features x m}).
 *
 * <p><b>Lifecycle.</b> {@link #forward} computes the output and keeps what {@link #backward} needs
 * (its cache: the input, and whatever intermediate the layer chooses). {@link #backward} takes
 * {@code dCost/dOutput}, fills the gradients of the layer's {@link #parameters()} and returns
 * {@code dCost/dInput}, using the cache of the latest {@code forward}. {@link #predict} computes the
 * same output without touching the cache.
 *
 * <p><b>Buffers.</b> To allocate nothing per training iteration, a layer returns matrices it owns
 * and reuses: a returned matrix is valid until the layer's next call of the same method, and the
 * input given to {@code forward} must stay unchanged until the matching {@code backward}.
 *
 * <pre>{@code
 * Matrix out = layer.forward(x);
 * Matrix dx = layer.backward(dOut, true);
 * }</pre>
 */
public interface Layer {

  /** Passed to {@link #outputSize} when the input size is not known yet (before the first layer). */
  int ANY_SIZE = -1;

  /**
   * The number of output features for {@code inputSize} input features, or an
   * {@link IllegalArgumentException} when this layer cannot take that many. With {@link #ANY_SIZE}
   * a layer that fixes its own input size returns its output size, and a layer that keeps the size
   * returns {@link #ANY_SIZE}.
   */
  int outputSize(int inputSize);

  /** The output for {@code input} ({@code inputSize x m}); keeps the cache for {@link #backward}. */
  Matrix forward(Matrix input);

  /**
   * Back-propagates {@code outputGradient} (dCost/dOutput, same shape as the forward output):
   * fills the parameter gradients and returns dCost/dInput, or {@code null} when
   * {@code inputGradientNeeded} is false (the first layer's gradient with respect to the data is
   * never used, so it is not computed).
   *
   * @throws IllegalStateException when no forward pass came first
   */
  Matrix backward(Matrix outputGradient, boolean inputGradientNeeded);

  /** The output for {@code input} in a fresh matrix, keeping no cache (inference). */
  Matrix predict(Matrix input);

  /** The trainable parameters, in a fixed order; empty for parameter-free layers. */
  default List<Parameter> parameters() {
    return List.of();
  }

  /**
   * Tensors the layer keeps but no optimizer trains (PyTorch's "buffers"): a batch normalization's
   * running averages, a standardization's means and deviations. Model files save and load them
   * beside the parameters, under the same per-layer numbering ({@code W1, b1, mean1, ...}); L2 and
   * the optimizers never see them. Their gradients are unused. Empty by default.
   */
  default List<Parameter> buffers() {
    return List.of();
  }

  /** Draws the initial parameter values from {@code rng}; parameter-free layers draw nothing. */
  default void initialize(Initializer initializer, NumpyRandom rng) {}
}
