package io.jdnn.core.training;

import io.jdnn.core.kernel.Kernels;
import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.BufferCache;
import io.jdnn.core.nn.Layer;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.dataset.Checks;
import io.jdnn.core.training.loss.FusedLoss;
import io.jdnn.core.training.loss.Loss;
import java.util.List;
import java.util.Objects;

/**
 * One forward-cost-backward pass of a model on a batch: the cost, optionally plus an L2 penalty,
 * and every parameter gradient. The {@link Trainer} runs it once per batch and
 * {@link GradientCheck#ofModel} checks it, so both see the same arithmetic.
 *
 * <p><b>Cost.</b> {@code J = loss(A, Y) + lambda / (2m) * sum over weights of ||W||^2}, where m is
 * the batch's number of examples and only parameters marked {@link Parameter#regularized()} (the
 * weights, not the biases, as the course does) count. <b>Gradient.</b> The backward pass's
 * {@code dW}, plus {@code (lambda / m) * W}.
 *
 * <p><b>Fused losses.</b> When the loss is a {@link FusedLoss} that {@link FusedLoss#fuses fuses}
 * with the model's last layer, the cost and the gradient come from that layer's input (the
 * logits) and back-propagation starts at the layer before it. Otherwise (the course's way)
 * {@code dJ/dA} from {@link Loss#gradient} goes through every layer.
 *
 * <p>After the first call with a batch shape, a call allocates nothing.
 *
 * <pre>{@code
 * Objective pass = new Objective(model, new BinaryCrossEntropy(), 0.7);
 * double cost = pass.run(x, y);   // gradients filled
 * optimizer.step(model.parameters());
 * }</pre>
 */
public final class Objective {
  private final Sequential model;
  private final Loss loss;
  private final double l2;
  private final FusedLoss fused;
  private final List<Parameter> parameters;
  private final BufferCache outputGradients = new BufferCache();
  private Matrix outputGradient;
  private Matrix output;

  /** A pass of {@code model} under {@code loss} with L2 strength {@code l2} (0 for none). */
  public Objective(Sequential model, Loss loss, double l2) {
    this.model = Objects.requireNonNull(model, "model");
    this.loss = Objects.requireNonNull(loss, "loss");
    Checks.l2Strength(l2);
    this.l2 = l2;
    List<Layer> layers = model.layers();
    this.fused = loss instanceof FusedLoss f && f.fuses(layers.get(layers.size() - 1)) ? f : null;
    this.parameters = model.parameters();
  }

  /** A pass without L2 regularisation. */
  public Objective(Sequential model, Loss loss) {
    this(model, loss, 0.0);
  }

  /** Whether the loss is computed from the logits of the last layer. */
  public boolean fused() {
    return fused != null;
  }

  public double l2() {
    return l2;
  }

  /**
   * Forward, cost and backward on {@code x} ({@code features x m}) and {@code y}
   * ({@code outputs x m}): fills every parameter gradient and returns the cost.
   */
  public double run(Matrix x, Matrix y) {
    Checks.sameExampleCount(x, y);
    int n = model.layers().size();
    double cost;
    if (fused != null) {
      Matrix z = model.forward(x, n - 1);
      output = model.layers().get(n - 1).forward(z);
      z.requireSameShape(y, "labels");
      cost = fused.costFromLogits(z, y);
      outputGradient = outputGradients.get(z.rows(), z.cols());
      fused.logitGradient(z, output, y, outputGradient);
      model.backward(outputGradient, n - 1);
    } else {
      output = model.forward(x);
      cost = loss.cost(output, y);
      outputGradient = outputGradients.get(output.rows(), output.cols());
      loss.gradient(output, y, outputGradient);
      model.backward(outputGradient);
    }
    if (l2 > 0) {
      int m = x.cols();
      cost += penalty(m);
      for (int i = 0; i < parameters.size(); i++) {
        Parameter p = parameters.get(i);
        if (p.regularized()) {
          Kernels.get().axpy(l2 / m, p.value(), p.gradient());
        }
      }
    }
    return cost;
  }

  /** The model's output of the latest {@link #run} (owned by the last layer). */
  public Matrix output() {
    return output;
  }

  /** The cost on {@code x}, {@code y} through {@link Sequential#predict}: no cache, no gradient. */
  public double cost(Matrix x, Matrix y) {
    int n = model.layers().size();
    double cost = fused != null
        ? fused.costFromLogits(model.predict(x, n - 1), y)
        : loss.cost(model.predict(x), y);
    return l2 > 0 ? cost + penalty(x.cols()) : cost;
  }

  /** {@code lambda / (2m) * sum ||W||^2}, summed matrix by matrix as the course's NumPy does. */
  private double penalty(int m) {
    double sum = 0;
    for (int i = 0; i < parameters.size(); i++) {
      Parameter p = parameters.get(i);
      if (p.regularized()) {
        double s = 0;
        for (double w : p.value().data()) {
          s += w * w;
        }
        sum += s;
      }
    }
    return 1.0 / m * l2 / 2 * sum;
  }

  @Override
  public String toString() {
    return "Objective(loss=" + loss + ", l2=" + l2 + ", fused=" + fused() + ")";
  }
}
