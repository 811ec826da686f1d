package io.jdnn.core.nn;

import com.google.common.collect.ImmutableList;
import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 *
 * <p><b>Names.</b> A model may carry what its outputs and inputs mean: {@link #classNames} (e.g.
 * {@code [benign, malignant]}, or {@code 0..9} for digits) and {@link #featureNames} (a table's
 * column names). They are not used in computing; a model file keeps them, and the command line prints
 * the class names and matches a CSV's columns by the feature names.
 */
public final class Sequential {
  private final ImmutableList<Layer> layers;
  private final ImmutableList<Parameter> parameters;
  private List<String> classNames = List.of();
  private List<String> featureNames = List.of();

  private Sequential(List<? extends Layer> layers) {
    this.layers = ImmutableList.copyOf(layers);
    ImmutableList.Builder<Parameter> all = ImmutableList.builder();
    for (Layer layer : this.layers) {
      all.addAll(layer.parameters());
    }
    this.parameters = all.build();
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
    return new Sequential(layers);
  }

  /** The layers, in order (unmodifiable). */
  public List<Layer> layers() {
    return layers;
  }

  /** Every trainable parameter, layer by layer, in each layer's order (unmodifiable). */
  public List<Parameter> parameters() {
    return parameters;
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
    return forward(input, layers.size());
  }

  /**
   * The output of the first {@code count} layers (the input itself when {@code count} is 0),
   * caching what {@link #backward(Matrix, int)} needs. A fused loss uses it to stop before the
   * output activation.
   */
  public Matrix forward(Matrix input, int count) {
    checkCount(count);
    Matrix a = input;
    for (int i = 0; i < count; i++) {
      a = layers.get(i).forward(a);
    }
    return a;
  }

  /** Back-propagates {@code outputGradient} (dCost/dOutput) through every layer, last to first. */
  public void backward(Matrix outputGradient) {
    backward(outputGradient, layers.size());
  }

  /**
   * Back-propagates {@code gradient}, dCost/d(output of layer {@code count}), through the first
   * {@code count} layers, last to first.
   */
  public void backward(Matrix gradient, int count) {
    checkCount(count);
    Matrix g = gradient;
    for (int i = count - 1; i >= 0; i--) {
      g = layers.get(i).backward(g, i > 0);
    }
  }

  /** The output for {@code input} in new matrices, touching no cache. */
  public Matrix predict(Matrix input) {
    return predict(input, layers.size());
  }

  /** The output of the first {@code count} layers in new matrices, touching no cache. */
  public Matrix predict(Matrix input, int count) {
    checkCount(count);
    Matrix a = input;
    for (int i = 0; i < count; i++) {
      a = layers.get(i).predict(a);
    }
    return a;
  }

  private void checkCount(int count) {
    if (count < 0 || count > layers.size()) {
      throw new IndexOutOfBoundsException("layer count " + count + " outside 0.." + layers.size() + " of " + this);
    }
  }

  /**
   * Every parameter and buffer by the name model files and checkpoints give it: those of the k-th
   * layer that has any get the suffix k, parameters first, then buffers ({@link Layer#buffers}), so
   * a dense network has {@code W1, b1, W2, b2, ...}, the course's names.
   *
   * @throws IllegalArgumentException when a layer has two parameters or buffers of one name
   */
  public Map<String, Parameter> namedTensors() {
    Map<String, Parameter> named = new LinkedHashMap<>();
    int k = 0;
    for (Layer layer : layers) {
      if (layer.parameters().isEmpty() && layer.buffers().isEmpty()) {
        continue;
      }
      k++;
      List<Parameter> all = new ArrayList<>(layer.parameters());
      all.addAll(layer.buffers());
      for (Parameter p : all) {
        if (named.put(p.name() + k, p) != null) {
          throw new IllegalArgumentException("layer " + layer + " has two parameters or buffers called '" + p.name()
              + "'");
        }
      }
    }
    return Collections.unmodifiableMap(named);
  }

  /** The total number of trainable numbers (the sizes of all parameters). */
  public long parameterCount() {
    long n = 0;
    for (Parameter p : parameters()) {
      n += p.value().size();
    }
    return n;
  }

  /**
   * A table with one row per layer: its number, description, output shape ({@code features x m},
   * {@code ?} where no earlier layer fixes the size), parameter count, and the parameters under the
   * names a model file gives them ({@code W1}, {@code b1}, ... counted over layers that have
   * parameters); then the totals.
   *
   * <pre>
   * #  Layer                   Output shape  Parameters  Saved as
   * 1  Dense(in=12288, out=7)  7 x m             86,023  W1 7x12288, b1 7x1
   * 2  ReLU()                  7 x m                  0
   * ...
   * Total parameters: 86,031 in 4 layers
   * </pre>
   */
  public String summary() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"#", "Layer", "Output shape", "Parameters", "Saved as"});
    int size = Layer.ANY_SIZE;
    int numbered = 0;
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      size = layer.outputSize(size);
      long count = 0;
      List<String> saved = new ArrayList<>();
      if (!layer.parameters().isEmpty() || !layer.buffers().isEmpty()) {
        numbered++;
        for (Parameter p : layer.parameters()) {
          count += p.value().size();
          saved.add(p.name() + numbered + " " + p.value().shape());
        }
        for (Parameter p : layer.buffers()) {
          saved.add(p.name() + numbered + " " + p.value().shape());
        }
      }
      rows.add(new String[] {String.valueOf(i + 1), layer.toString(),
          (size == Layer.ANY_SIZE ? "?" : String.valueOf(size)) + " x m", String.format(Locale.ROOT, "%,d", count),
          String.join(", ", saved)});
    }
    int[] width = new int[4];
    for (String[] r : rows) {
      for (int c = 0; c < width.length; c++) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    String format = "%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %" + width[3] + "s  %s";
    StringBuilder s = new StringBuilder();
    for (String[] r : rows) {
      s.append(String.format(Locale.ROOT, format, (Object[]) r).stripTrailing()).append(System.lineSeparator());
    }
    s.append(String.format(Locale.ROOT, "Total parameters: %,d in %d layers%n", parameterCount(), layers.size()));
    return s.toString();
  }


  /** The names of the classes the outputs stand for, in order; empty when not known. */
  public List<String> classNames() {
    return classNames;
  }

  /**
   * Names the classes: {@code k} names for {@code k > 1} outputs (a softmax), 2 names for one output
   * (a sigmoid's probability of the second class). Returns this model.
   *
   * @throws IllegalArgumentException when the count does not fit the outputs, or a name repeats
   */
  public Sequential classNames(List<String> names) {
    List<String> copy = distinct(names, "class");
    int outputs = outputSize();
    int expected = outputs == 1 ? 2 : outputs;
    if (!copy.isEmpty() && outputs != Layer.ANY_SIZE && copy.size() != expected) {
      throw new IllegalArgumentException(copy.size() + " class names " + copy + " do not fit a model with " + outputs
          + " output" + (outputs == 1 ? " (a probability of the second of 2 classes)" : "s") + "; expected "
          + expected);
    }
    this.classNames = copy;
    return this;
  }

  /** The names of the input features (a table's columns), in order; empty when not known. */
  public List<String> featureNames() {
    return featureNames;
  }

  /**
   * Names the input features, one name per input. Returns this model.
   *
   * @throws IllegalArgumentException when the first layer does not take that many inputs, or a name
   *     repeats
   */
  public Sequential featureNames(List<String> names) {
    List<String> copy = distinct(names, "feature");
    if (!copy.isEmpty()) {
      try {
        int size = copy.size();
        for (Layer layer : layers) {
          size = layer.outputSize(size);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(copy.size() + " feature names do not fit " + this + ": " + e.getMessage(), e);
      }
    }
    this.featureNames = copy;
    return this;
  }

  private static List<String> distinct(List<String> names, String what) {
    List<String> copy = List.copyOf(names);
    if (new HashSet<>(copy).size() != copy.size()) {
      throw new IllegalArgumentException("the " + what + " names " + copy + " repeat a name");
    }
    return copy;
  }

  /** The number of outputs, or {@link Layer#ANY_SIZE} when no layer fixes it. */
  private int outputSize() {
    int size = Layer.ANY_SIZE;
    for (Layer layer : layers) {
      size = layer.outputSize(size);
    }
    return size;
  }

  @Override
  public String toString() {
    return "Sequential[" + layers.stream().map(Object::toString).collect(Collectors.joining(", ")) + "]";
  }
}
