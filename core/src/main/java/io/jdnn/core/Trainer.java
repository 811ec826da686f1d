package io.jdnn.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Full-batch gradient descent, the course's loop: for each iteration, forward pass, cost, backward
 * pass from {@code dJ/dA}, one optimizer step.
 *
 * <p>After the first iteration the loop allocates nothing: layers reuse their buffers and the loss
 * gradient has one buffer here. Bad input is rejected before the first iteration ({@link Checks}:
 * example counts, NaN or infinity in x or y, labels the loss cannot take). A cost or a gradient that
 * is not finite stops training with a {@link TrainingException} naming the iteration (and the layer,
 * for a gradient); the check comes before the optimizer step, so the weights are then those at the
 * start of that iteration, never a NaN-poisoned update.
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
   * @throws IllegalArgumentException for bad input: see {@link Checks}
   * @throws TrainingException when the cost or a gradient stops being finite
   */
  public double[] fit(Matrix x, Matrix y, int iterations) {
    Checks.atLeastOne(iterations, "iterations");
    Checks.sameExampleCount(x, y);
    Checks.finite(x, "x");
    loss.checkLabels(y, "y"); // first, so a NaN label is named as a label the loss cannot take
    Checks.finite(y, "y");
    List<Parameter> parameters = model.parameters();
    optimizer.initialize(parameters);
    double[] costs = new double[iterations];
    Matrix gradient = null;
    for (int i = 0; i < iterations; i++) {
      Matrix a = model.forward(x);
      double cost = loss.cost(a, y);
      Checks.finiteCost(cost, i);
      gradient = Buffers.reuse(gradient, a.rows(), a.cols());
      loss.gradient(a, y, gradient);
      model.backward(gradient);
      Checks.finiteGradients(model, i);
      optimizer.step(parameters);
      costs[i] = cost;
      for (TrainingListener listener : listeners) {
        listener.onIteration(i, cost);
      }
    }
    return costs;
  }
}
