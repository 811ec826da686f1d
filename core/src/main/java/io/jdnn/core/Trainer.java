package io.jdnn.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Full-batch gradient descent, the course's loop: for each iteration, forward pass, cost, backward
 * pass from {@code dJ/dA}, one optimizer step.
 *
 * <p>After the first iteration the loop allocates nothing: layers reuse their buffers and the loss
 * gradient has one buffer here. A cost that is not finite stops training with a
 * {@link TrainingException} naming the iteration; the weights are then those that produced it.
 *
 * <pre>{@code
 * Trainer trainer = new Trainer(model, new BinaryCrossEntropy(), new SGD(0.0075))
 *     .listener((i, cost) -> log(i, cost));
 * double[] costs = trainer.fit(x, y, 2500);
 * }</pre>
 */
public final class Trainer {
  private final Sequential model;
  private final Loss loss;
  private final Optimizer optimizer;
  private final List<TrainingListener> listeners = new ArrayList<>();

  public Trainer(Sequential model, Loss loss, Optimizer optimizer) {
    this.model = Objects.requireNonNull(model, "model");
    this.loss = Objects.requireNonNull(loss, "loss");
    this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
  }

  /** Adds a listener told of every iteration's cost; returns this trainer. */
  public Trainer listener(TrainingListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Trains on all of {@code x} ({@code features x m}) against {@code y} ({@code outputs x m}) for
   * {@code iterations} steps.
   *
   * @return the cost of every iteration, before its update
   */
  public double[] fit(Matrix x, Matrix y, int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
    }
    if (x.cols() != y.cols()) {
      throw new IllegalArgumentException("x has " + x.cols() + " examples (columns) but y has " + y.cols());
    }
    List<Parameter> parameters = model.parameters();
    optimizer.initialize(parameters);
    double[] costs = new double[iterations];
    Matrix gradient = null;
    for (int i = 0; i < iterations; i++) {
      Matrix a = model.forward(x);
      double cost = loss.cost(a, y);
      if (!Double.isFinite(cost)) {
        throw new TrainingException("the cost became " + cost + " at iteration " + i
            + "; lower the learning rate or check the data for extreme values");
      }
      gradient = Buffers.reuse(gradient, a.rows(), a.cols());
      loss.gradient(a, y, gradient);
      model.backward(gradient);
      optimizer.step(parameters);
      costs[i] = cost;
      for (int l = 0; l < listeners.size(); l++) { // indexed: no iterator allocated per iteration
        listeners.get(l).onIteration(i, cost);
      }
    }
    return costs;
  }
}
