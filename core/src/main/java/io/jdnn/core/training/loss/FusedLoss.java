package io.jdnn.core.training.loss;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.Layer;

/**
 * A {@link Loss} that can fold the network's output activation into itself and work on that
 * activation's input {@code z} (the logits): {@code J(f(z), Y)} and {@code dJ/dz} computed in one
 * numerically stable formula instead of going through {@code f(z)} and {@code f'(z)}.
 *
 * <p>Sigmoid with binary cross-entropy and softmax with categorical cross-entropy both give
 * {@code dJ/dz = (f(z) - Y) / m}, and their costs written in {@code z} never take the log of a
 * probability that rounded to 0 or 1, so they stay finite where the sigmoid or softmax saturates.
 *
 * <p>A training loop asks {@link #fuses} about the model's last layer; when it answers true the
 * loop runs every layer forward, takes the cost from {@link #costFromLogits} and starts
 * back-propagation at the layer before the activation with {@link #logitGradient}. Shapes:
 * {@code z}, {@code a = f(z)}, labels and the gradient are all {@code k x m}.
 *
 * <pre>{@code
 * Loss loss = BinaryCrossEntropy.fused();    // opt-in: fused after a Sigmoid
 * new Trainer(model, loss, new Adam(1e-4)).fit(x, y, 100);
 * }</pre>
 */
public interface FusedLoss extends Loss {

  /** Whether this loss folds in {@code outputLayer} (the model's last layer). */
  boolean fuses(Layer outputLayer);

  /** The mean cost {@code J(f(z), Y)} computed from the logits {@code z}. */
  double costFromLogits(Matrix logits, Matrix labels);

  /**
   * Writes {@code dJ/dz} into {@code out}, given {@code z} and {@code a = f(z)}. The default is
   * {@code (a - Y) / m}, right for a sigmoid with binary and a softmax with categorical
   * cross-entropy (the canonical pairs); a loss fused with another activation overrides it.
   */
  default void logitGradient(Matrix logits, Matrix activations, Matrix labels, Matrix out) {
    requireGradientShapes(logits, activations, labels, out);
    double[] ad = activations.data();
    double[] yd = labels.data();
    double[] od = out.data();
    double m = logits.cols();
    for (int i = 0; i < ad.length; i++) {
      od[i] = (ad[i] - yd[i]) / m;
    }
  }

  /**
   * Checks that the activations, the labels and the gradient's output all have the logits' shape
   * ({@code k x m}), as {@link #logitGradient} needs; the message names the one that does not.
   */
  static void requireGradientShapes(Matrix logits, Matrix activations, Matrix labels, Matrix out) {
    logits.requireSameShape(labels, "labels");
    logits.requireSameShape(activations, "activation output");
    logits.requireSameShape(out, "gradient output");
  }
}
