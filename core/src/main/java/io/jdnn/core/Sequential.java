package io.jdnn.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A network as an ordered list of layers: {@code output = layer_n(... layer_1(input))}, examples in
 * columns.
 *
 * <p>{@link #forward} runs every layer's caching forward pass; {@link #backward} goes back from
 * the loss gradient, filling every parameter gradient and skipping the first layer's gradient with
 * respect to the data, which training never uses; {@link #predict} keeps no cache.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(
 *     new Dense(12288, 20), new ReLU(),
 *     new Dense(20, 1), new Sigmoid());
 * model.initialize(Initializer.LECUN, new NumpyRandom(1));
 * Matrix probabilities = model.predict(x);
 * }</pre>
 */
public final class Sequential {
  private final List<Layer> layers;

  private Sequential(List<Layer> layers) {
    this.layers = List.copyOf(layers);
  }

  /**
   * A model of these layers, in order.
   *
   * @throws IllegalArgumentException when there are none, or when a layer cannot take the previous
   *     layer's output size (the message names both layers)
   */
  public static Sequential of(Layer... layers) {
    return of(List.of(layers));
  }

  /** As {@link #of(Layer...)}. */
  public static Sequential of(List<? extends Layer> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a Sequential model needs at least one layer");
    }
    int size = Layer.ANY_SIZE;
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = Objects.requireNonNull(layers.get(i), "layer " + (i + 1) + " is null");
      try {
        size = layer.outputSize(size);
      } catch (IllegalArgumentException e) {
        String after = i == 0 ? "the input" : "layer " + i + " " + layers.get(i - 1);
        throw new IllegalArgumentException(
            "layer " + (i + 1) + " " + layer + " does not fit after " + after + ": " + e.getMessage(), e);
      }
    }
    return new Sequential(new ArrayList<>(layers));
  }

  /** The layers, in order (unmodifiable). */
  public List<Layer> layers() {
    return layers;
  }

  /** Every trainable parameter, layer by layer, in each layer's order. */
  public List<Parameter> parameters() {
    List<Parameter> all = new ArrayList<>();
    for (Layer layer : layers) {
      all.addAll(layer.parameters());
    }
    return Collections.unmodifiableList(all);
  }

  /** Initialises every layer in order from one stream, as the course draws W1, W2, ... in turn. */
  public Sequential initialize(Initializer initializer, NumpyRandom rng) {
    for (Layer layer : layers) {
      layer.initialize(initializer, rng);
    }
    return this;
  }

  /** The output for {@code input}, caching what {@link #backward} needs; owned by the last layer. */
  public Matrix forward(Matrix input) {
    Matrix a = input;
    // Indexed, not for-each: a list iterator is an allocation per iteration when not optimised away.
    for (int i = 0; i < layers.size(); i++) {
      a = layers.get(i).forward(a);
    }
    return a;
  }

  /** Back-propagates {@code outputGradient} (dCost/dOutput) through every layer, last to first. */
  public void backward(Matrix outputGradient) {
    Matrix g = outputGradient;
    for (int i = layers.size() - 1; i >= 0; i--) {
      g = layers.get(i).backward(g, i > 0);
    }
  }

  /** The output for {@code input} in new matrices, touching no cache. */
  public Matrix predict(Matrix input) {
    Matrix a = input;
    for (Layer layer : layers) {
      a = layer.predict(a);
    }
    return a;
  }

  @Override
  public String toString() {
    return "Sequential[" + layers.stream().map(Object::toString).collect(Collectors.joining(", ")) + "]";
  }
}
