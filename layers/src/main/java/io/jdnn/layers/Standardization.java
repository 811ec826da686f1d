package io.jdnn.layers;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.BufferCache;
import io.jdnn.core.nn.Layer;
import io.jdnn.core.nn.Parameter;
import java.util.List;

/**
 * Standardizes each feature with fixed statistics: {@code z_ij = (x_ij - mean_i) / std_i}, the
 * training data's means and standard deviations, so a table of centimetres and thousands reaches
 * the first dense layer on one scale. Placed first in a network, it makes the statistics part of the
 * model: a model file keeps them (as the buffers {@code mean} and {@code std}, datasets
 * {@code mean1, std1} when it is the first layer), and evaluating or predicting applies them to raw
 * data.
 *
 * <p>Nothing is trained: {@link #parameters()} is empty, so optimizers and L2 never touch the
 * statistics; they are {@link #buffers()}. Backward: {@code dx_ij = dz_ij / std_i}.
 *
 * <p>Shapes: input and output {@code features x m}; {@code mean} and {@code std} {@code features x 1}.
 * {@link #fit} computes them from data: the mean and the population standard deviation (divided by
 * m, as scikit-learn's {@code StandardScaler}), a constant feature getting {@code std = 1} so it
 * becomes 0 instead of dividing by zero.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(Standardization.fit(train.x()),
 *     new Dense(4, 16), new ReLU(), new Dense(16, 3), new Softmax());
 * }</pre>
 */
public final class Standardization implements Layer {
  private final int features;
  private final Parameter mean;
  private final Parameter std;
  private final BufferCache outputs = new BufferCache();
  private final BufferCache inputGradients = new BufferCache();
  private Matrix input;

  /** A layer for {@code features} features with mean 0 and std 1 (the identity) until set or loaded. */
  public Standardization(int features) {
    if (features < 1) {
      throw new IllegalArgumentException("Standardization needs at least 1 feature, got " + features);
    }
    this.features = features;
    this.mean = new Parameter("mean", Matrix.zeros(features, 1), false);
    Matrix ones = Matrix.zeros(features, 1);
    ones.fill(1.0);
    this.std = new Parameter("std", ones, false);
  }

  /**
   * A layer with these statistics ({@code features x 1} each, copied); every std must be positive
   * and finite, every mean finite.
   */
  public Standardization(Matrix mean, Matrix std) {
    this(mean.rows());
    this.mean.value().requireSameShape(mean, "mean");
    this.std.value().requireSameShape(std, "std");
    for (int i = 0; i < features; i++) {
      double m = mean.get(i, 0);
      double s = std.get(i, 0);
      if (!Double.isFinite(m) || !(s > 0) || !Double.isFinite(s)) {
        throw new IllegalArgumentException("feature " + i + " has mean " + m + " and std " + s
            + "; expected a finite mean and a positive, finite std");
      }
    }
    this.mean.value().copyFrom(mean);
    this.std.value().copyFrom(std);
  }

  /** A layer with the per-feature mean and population std of {@code x} ({@code features x m}). */
  public static Standardization fit(Matrix x) {
    if (x.cols() < 1) {
      throw new IllegalArgumentException("cannot standardize with the statistics of 0 examples");
    }
    int n = x.rows();
    int m = x.cols();
    double[] d = x.data();
    Matrix mean = Matrix.zeros(n, 1);
    Matrix std = Matrix.zeros(n, 1);
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int j = 0; j < m; j++) {
        sum += d[i * m + j];
      }
      double mu = sum / m;
      // Two passes: the squared deviations, not E[x^2] - mu^2, which cancels badly for large values.
      double squares = 0;
      for (int j = 0; j < m; j++) {
        double dev = d[i * m + j] - mu;
        squares += dev * dev;
      }
      double sigma = Math.sqrt(squares / m);
      mean.set(i, 0, mu);
      std.set(i, 0, sigma > 0 && Double.isFinite(sigma) ? sigma : 1.0);
    }
    return new Standardization(mean, std);
  }

  /** The number of features. */
  public int features() {
    return features;
  }

  /** The means, {@code features x 1}. */
  public Matrix mean() {
    return mean.value();
  }

  /** The standard deviations, {@code features x 1}. */
  public Matrix std() {
    return std.value();
  }

  @Override
  public int outputSize(int inputSize) {
    if (inputSize != ANY_SIZE && inputSize != features) {
      throw new IllegalArgumentException(this + " takes " + features + " features, got " + inputSize);
    }
    return features;
  }

  @Override
  public List<Parameter> buffers() {
    return List.of(mean, std);
  }

  @Override
  public Matrix forward(Matrix x) {
    checkInput(x);
    Matrix z = outputs.get(features, x.cols());
    compute(x, z);
    input = x;
    return z;
  }

  @Override
  public Matrix predict(Matrix x) {
    checkInput(x);
    Matrix z = Matrix.zeros(features, x.cols());
    compute(x, z);
    return z;
  }

  /**
   * A per-row shift and scale, which the element-wise Kernel does not offer; one pass over the
   * row-major array, allocating nothing. Dividing (not multiplying by 1/std) keeps the result the
   * correctly rounded {@code (x - mean) / std} that NumPy and an exported graph compute.
   */
  private void compute(Matrix x, Matrix z) {
    double[] xd = x.data();
    double[] zd = z.data();
    double[] mu = mean.value().data();
    double[] sigma = std.value().data();
    int m = x.cols();
    for (int i = 0; i < features; i++) {
      double mi = mu[i];
      double si = sigma[i];
      int row = i * m;
      for (int j = 0; j < m; j++) {
        zd[row + j] = (xd[row + j] - mi) / si;
      }
    }
  }

  @Override
  public Matrix backward(Matrix dz, boolean inputGradientNeeded) {
    if (input == null) {
      throw new IllegalStateException(this + ": backward called before forward");
    }
    if (dz.rows() != features || dz.cols() != input.cols()) {
      throw new IllegalArgumentException(this + ": gradient of the output is " + dz.shape() + ", expected " + features
          + "x" + input.cols());
    }
    if (!inputGradientNeeded) {
      return null;
    }
    Matrix dx = inputGradients.get(features, dz.cols());
    double[] g = dz.data();
    double[] out = dx.data();
    double[] sigma = std.value().data();
    int m = dz.cols();
    for (int i = 0; i < features; i++) {
      double si = sigma[i];
      int row = i * m;
      for (int j = 0; j < m; j++) {
        out[row + j] = g[row + j] / si;
      }
    }
    return dx;
  }

  private void checkInput(Matrix x) {
    if (x.rows() != features) {
      throw new IllegalArgumentException(this + ": input is " + x.shape() + ", expected " + features
          + " rows (features)");
    }
  }

  @Override
  public String toString() {
    return "Standardization(features=" + features + ")";
  }
}
