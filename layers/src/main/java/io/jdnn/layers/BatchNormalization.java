package io.jdnn.layers;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.BufferCache;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Layer;
import io.jdnn.core.nn.Parameter;
import java.util.List;

/**
 * Batch normalization as the course writes it, placed between a {@link Dense} layer and its
 * activation: each feature (row) {@code i} of {@code Z} is normalised over the examples of the
 * mini-batch, then scaled and shifted by two trained parameters,
 * <pre>
 * mu_i = (1/m) sum_j z_ij          var_i = (1/m) sum_j (z_ij - mu_i)^2
 * zNorm_ij = (z_ij - mu_i) / sqrt(var_i + epsilon)
 * out_ij = gamma_i * zNorm_ij + beta_i
 * </pre>
 *
 * <p><b>Training and inference.</b> {@link #forward} (training) uses the batch's own {@code mu} and
 * {@code var}, and back-propagates through them; it also updates the running averages
 * {@code runningMean = momentum * runningMean + (1 - momentum) * mu} and the same for
 * {@code runningVariance} with the batch's (biased, 1/m) variance, the convention of Keras and of
 * ONNX's {@code BatchNormalization}. {@link #predict} (inference) uses the running averages
 * instead, so one example's output does not depend on the others in its batch. The running
 * averages start at 0 and 1 and are not trained: they are {@link #buffers()}, saved in model files
 * beside {@code gamma} and {@code beta}.
 *
 * <p><b>Backward</b>, from {@code dOut} ({@code n x m}): {@code dBeta_i = sum_j dOut_ij},
 * {@code dGamma_i = sum_j dOut_ij zNorm_ij}, and through the batch statistics
 * {@code dZ_ij = gamma_i / (m sqrt(var_i + epsilon)) * (m dOut_ij - dBeta_i - zNorm_ij dGamma_i)}.
 *
 * <p><b>Defaults</b>: momentum 0.9, epsilon 1e-5 (ONNX's and, in its own convention, PyTorch's).
 * {@code gamma} starts at 1 and {@code beta} at 0, drawing nothing from the initialisation stream,
 * so adding batch normalization leaves the {@link Dense} weights' draws unchanged. Neither is
 * {@linkplain Parameter#regularized() regularised}: L2 and decoupled weight decay apply to weights.
 *
 * <p><b>The bias before it is redundant</b>: a constant added to row i of {@code Z} is removed
 * again with {@code mu_i}, and {@code beta_i} does its job; build the {@link Dense} before it
 * with {@code new Dense(in, out, false)}.
 *
 * <p>Shapes: input and output {@code n x m}; {@code gamma}, {@code beta} and the running averages
 * {@code n x 1}. A batch of one example normalises every value to 0 (its variance is 0).
 *
 * <pre>{@code
 * Sequential.of(new Dense(12288, 20, false), new BatchNormalization(20), new ReLU(),
 *     new Dense(20, 1), new Sigmoid());
 * }</pre>
 */
public final class BatchNormalization implements Layer {
  /** The default weight of the old running average in each update. */
  public static final double DEFAULT_MOMENTUM = 0.9;
  /** The default constant added to the variance before its square root. */
  public static final double DEFAULT_EPSILON = 1e-5;

  private final int features;
  private final double momentum;
  private final double epsilon;
  private final Parameter gamma;
  private final Parameter beta;
  private final Parameter runningMean;
  private final Parameter runningVariance;
  // Per-feature values of the latest forward pass, sized once: the training step allocates nothing.
  private final double[] inverseDeviation;
  private final BufferCache normalized = new BufferCache();
  private final BufferCache outputs = new BufferCache();
  private final BufferCache inputGradients = new BufferCache();
  private Matrix zNorm;

  /** Batch normalization of {@code features} rows with the default momentum and epsilon. */
  public BatchNormalization(int features) {
    this(features, DEFAULT_MOMENTUM, DEFAULT_EPSILON);
  }

  /**
   * @param features the number of rows normalised (the {@code out} of the {@link Dense} before it)
   * @param momentum the weight of the old running average in each update, in [0, 1)
   * @param epsilon added to the variance before the square root, positive
   */
  public BatchNormalization(int features, double momentum, double epsilon) {
    if (features < 1) {
      throw new IllegalArgumentException("BatchNormalization needs at least 1 feature, got " + features);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("BatchNormalization momentum must be in [0, 1), got " + momentum);
    }
    if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
      throw new IllegalArgumentException("BatchNormalization epsilon must be positive and finite, got " + epsilon);
    }
    this.features = features;
    this.momentum = momentum;
    this.epsilon = epsilon;
    this.gamma = new Parameter("gamma", Matrix.zeros(features, 1), false);
    this.beta = new Parameter("beta", Matrix.zeros(features, 1), false);
    this.runningMean = new Parameter("running_mean", Matrix.zeros(features, 1), false);
    this.runningVariance = new Parameter("running_var", Matrix.zeros(features, 1), false);
    this.inverseDeviation = new double[features];
    reset();
  }

  private void reset() {
    gamma.value().fill(1.0);
    beta.value().fill(0.0);
    runningMean.value().fill(0.0);
    runningVariance.value().fill(1.0);
  }

  public int features() {
    return features;
  }

  public double momentum() {
    return momentum;
  }

  public double epsilon() {
    return epsilon;
  }

  /** {@code gamma}, {@code n x 1}: the scale. */
  public Parameter gamma() {
    return gamma;
  }

  /** {@code beta}, {@code n x 1}: the shift. */
  public Parameter beta() {
    return beta;
  }

  /** The running average of the batch means, {@code n x 1}, used by {@link #predict}. */
  public Matrix runningMean() {
    return runningMean.value();
  }

  /** The running average of the batch variances, {@code n x 1}, used by {@link #predict}. */
  public Matrix runningVariance() {
    return runningVariance.value();
  }

  @Override
  public int outputSize(int inputSize) {
    if (inputSize != ANY_SIZE && inputSize != features) {
      throw new IllegalArgumentException(this + " takes " + features + " features, got " + inputSize);
    }
    return features;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(gamma, beta);
  }

  /** {@code running_mean} and {@code running_var}, saved in model files, never trained. */
  @Override
  public List<Parameter> buffers() {
    return List.of(runningMean, runningVariance);
  }

  /** Sets gamma to 1, beta to 0 and the running averages to 0 and 1; draws nothing from {@code rng}. */
  @Override
  public void initialize(Initializer initializer, NumpyRandom rng) {
    reset();
  }

  @Override
  public Matrix forward(Matrix z) {
    checkInput(z);
    int m = z.cols();
    Matrix norm = normalized.get(features, m);
    Matrix out = outputs.get(features, m);
    double[] zd = z.data();
    double[] nd = norm.data();
    double[] od = out.data();
    double[] g = gamma.value().data();
    double[] b = beta.value().data();
    double[] rm = runningMean.value().data();
    double[] rv = runningVariance.value().data();
    // The statistics are per row, each a short sum in a fixed order: no kernel offers this, and
    // the fixed order keeps it bit-identical across runs and thread counts.
    for (int i = 0; i < features; i++) {
      int row = i * m;
      double sum = 0;
      for (int j = 0; j < m; j++) {
        sum += zd[row + j];
      }
      double mean = sum / m;
      double squares = 0;
      for (int j = 0; j < m; j++) {
        double d = zd[row + j] - mean;
        squares += d * d;
      }
      double variance = squares / m;
      double inverse = 1.0 / Math.sqrt(variance + epsilon);
      inverseDeviation[i] = inverse;
      for (int j = 0; j < m; j++) {
        double n = (zd[row + j] - mean) * inverse;
        nd[row + j] = n;
        od[row + j] = g[i] * n + b[i];
      }
      rm[i] = momentum * rm[i] + (1 - momentum) * mean;
      rv[i] = momentum * rv[i] + (1 - momentum) * variance;
    }
    zNorm = norm;
    return out;
  }

  @Override
  public Matrix predict(Matrix z) {
    checkInput(z);
    int m = z.cols();
    Matrix out = Matrix.zeros(features, m);
    double[] zd = z.data();
    double[] od = out.data();
    double[] g = gamma.value().data();
    double[] b = beta.value().data();
    double[] rm = runningMean.value().data();
    double[] rv = runningVariance.value().data();
    // The same operations in the same order as forward, with the running statistics in place of
    // the batch's: with momentum 0 after a forward pass on the same batch, the same bits.
    for (int i = 0; i < features; i++) {
      int row = i * m;
      double inverse = 1.0 / Math.sqrt(rv[i] + epsilon);
      for (int j = 0; j < m; j++) {
        od[row + j] = g[i] * ((zd[row + j] - rm[i]) * inverse) + b[i];
      }
    }
    return out;
  }

  @Override
  public Matrix backward(Matrix outputGradient, boolean inputGradientNeeded) {
    if (zNorm == null) {
      throw new IllegalStateException(this + ": backward called before forward");
    }
    if (!zNorm.sameShape(outputGradient)) {
      zNorm.requireSameShape(outputGradient, this + ": gradient of the output");
    }
    int m = zNorm.cols();
    double[] dy = outputGradient.data();
    double[] nd = zNorm.data();
    double[] g = gamma.value().data();
    double[] dGamma = gamma.gradient().data();
    double[] dBeta = beta.gradient().data();
    for (int i = 0; i < features; i++) {
      int row = i * m;
      double sumDy = 0;
      double sumDyNorm = 0;
      for (int j = 0; j < m; j++) {
        sumDy += dy[row + j];
        sumDyNorm += dy[row + j] * nd[row + j];
      }
      dBeta[i] = sumDy;
      dGamma[i] = sumDyNorm;
    }
    if (!inputGradientNeeded) {
      return null;
    }
    Matrix inputGradient = inputGradients.get(features, m);
    double[] dz = inputGradient.data();
    for (int i = 0; i < features; i++) {
      int row = i * m;
      double scale = g[i] * inverseDeviation[i] / m;
      for (int j = 0; j < m; j++) {
        dz[row + j] = scale * (m * dy[row + j] - dBeta[i] - nd[row + j] * dGamma[i]);
      }
    }
    return inputGradient;
  }

  private void checkInput(Matrix z) {
    if (z.rows() != features) {
      throw new IllegalArgumentException(this + ": input is " + z.shape() + ", expected " + features + " rows (features)");
    }
  }

  @Override
  public String toString() {
    return "BatchNormalization(features=" + features + ", momentum=" + momentum + ", epsilon=" + epsilon + ")";
  }
}
