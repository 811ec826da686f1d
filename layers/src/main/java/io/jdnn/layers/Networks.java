package io.jdnn.layers;

import io.jdnn.core.nn.Layer;
import io.jdnn.core.nn.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ready-made architectures.
 *
 * <pre>{@code
 * Sequential net = Networks.reluSigmoid(12288, 20, 7, 5, 1); // the course's 4-layer model
 * }</pre>
 */
public final class Networks {
  private Networks() {}

  /**
   * The course's L-layer model {@code [LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID} for layer sizes
   * {@code n[0], n[1], ..., n[L]} ({@code n[0]} inputs).
   */
  public static Sequential reluSigmoid(int... sizes) {
    if (sizes.length < 2) {
      throw new IllegalArgumentException("need at least an input and an output size, got " + Arrays.toString(sizes));
    }
    List<Layer> layers = new ArrayList<>();
    for (int l = 1; l < sizes.length; l++) {
      layers.add(new Dense(sizes[l - 1], sizes[l]));
      layers.add(l < sizes.length - 1 ? new ReLU() : new Sigmoid());
    }
    return Sequential.of(layers);
  }

  /**
   * As {@link #reluSigmoid} with inverted dropout after every hidden ReLU, keeping units with
   * probability {@code keep}; hidden layer l's {@link Dropout} is seeded with {@code seed + l}, so
   * its masks differ from the other layers' and repeat for a seed. {@code keep = 1} gives exactly
   * {@link #reluSigmoid}.
   */
  public static Sequential reluSigmoidWithDropout(double keep, long seed, int... sizes) {
    if (keep == 1.0) {
      return reluSigmoid(sizes);
    }
    if (sizes.length < 2) {
      throw new IllegalArgumentException("need at least an input and an output size, got " + Arrays.toString(sizes));
    }
    List<Layer> layers = new ArrayList<>();
    for (int l = 1; l < sizes.length; l++) {
      layers.add(new Dense(sizes[l - 1], sizes[l]));
      if (l < sizes.length - 1) {
        layers.add(new ReLU());
        layers.add(new Dropout(keep, seed + l));
      } else {
        layers.add(new Sigmoid());
      }
    }
    return Sequential.of(layers);
  }

  /**
   * As {@link #reluSigmoidWithDropout}, with a {@link BatchNormalization} after every hidden
   * {@link Dense}: {@code [LINEAR (no bias) -> BATCHNORM -> RELU (-> DROPOUT)] * (L-1) -> LINEAR ->
   * SIGMOID}. The hidden dense layers have no bias, which batch normalization would cancel (its
   * {@code beta} shifts instead); the output layer keeps its bias. Batch normalization draws nothing
   * from the initialisation stream, so the weights start as those of the same sizes without it.
   */
  public static Sequential reluSigmoidWithBatchNorm(double keep, long seed, int... sizes) {
    if (sizes.length < 2) {
      throw new IllegalArgumentException("need at least an input and an output size, got " + Arrays.toString(sizes));
    }
    List<Layer> layers = new ArrayList<>();
    for (int l = 1; l < sizes.length; l++) {
      if (l < sizes.length - 1) {
        layers.add(new Dense(sizes[l - 1], sizes[l], false));
        layers.add(new BatchNormalization(sizes[l]));
        layers.add(new ReLU());
        if (keep != 1.0) {
          layers.add(new Dropout(keep, seed + l));
        }
      } else {
        layers.add(new Dense(sizes[l - 1], sizes[l]));
        layers.add(new Sigmoid());
      }
    }
    return Sequential.of(layers);
  }
}
