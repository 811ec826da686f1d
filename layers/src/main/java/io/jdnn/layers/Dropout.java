package io.jdnn.layers;

import io.jdnn.core.kernel.Kernel;
import io.jdnn.core.kernel.Kernels;
import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.BufferCache;
import io.jdnn.core.nn.Layer;
import io.jdnn.core.training.state.Stateful;
import io.jdnn.core.training.state.TrainingState;

/**
 * Inverted dropout, as the course writes it: in training, {@code D = (rand(n, m) < keep)},
 * {@code A = X * D / keep}; backward {@code dX = dA * D / keep}. Dividing by {@code keep} keeps
 * each unit's expected value, so {@link #predict} is the identity (no dropout at inference).
 *
 * <p>The mask is drawn with {@link NumpyRandom#nextDouble()} from the layer's own generator,
 * seeded at construction, element by element in row-major order: the same seed gives the same
 * masks, and the model's initialisation stream is untouched. The scaled mask {@code D / keep} is
 * kept in a reused buffer.
 *
 * <p>A checkpoint ({@link Stateful}) holds the generator's whole state ({@code rng.*}) with the
 * keep probability and seed, so a resumed run draws the masks the uninterrupted run would have.
 *
 * <p>Shapes: input and output {@code n x m}.
 *
 * <pre>{@code
 * Sequential.of(new Dense(12288, 20), new ReLU(), new Dropout(0.8, 1), new Dense(20, 1), new Sigmoid());
 * }</pre>
 */
public final class Dropout implements Layer, Stateful {
  private final double keep;
  private final long seed;
  private final NumpyRandom rng;
  private final BufferCache masks = new BufferCache();
  private final BufferCache outputs = new BufferCache();
  private final BufferCache inputGradients = new BufferCache();
  private Matrix scaledMask;
  private boolean forwardDone;

  /**
   * @param keepProbability the probability of keeping a unit, in (0, 1]
   * @param seed the seed of this layer's mask generator
   */
  public Dropout(double keepProbability, long seed) {
    if (!(keepProbability > 0 && keepProbability <= 1)) {
      throw new IllegalArgumentException("Dropout keep probability must be in (0, 1], got " + keepProbability);
    }
    this.keep = keepProbability;
    this.seed = seed;
    this.rng = new NumpyRandom(seed);
  }

  /** Dropout with seed 0. */
  public Dropout(double keepProbability) {
    this(keepProbability, 0);
  }

  public double keepProbability() {
    return keep;
  }

  /** The seed of the mask generator, as given at construction. */
  public long seed() {
    return seed;
  }

  @Override
  public int outputSize(int inputSize) {
    return inputSize;
  }

  @Override
  public Matrix forward(Matrix x) {
    scaledMask = masks.get(x.rows(), x.cols());
    Matrix output = outputs.get(x.rows(), x.cols());
    // One draw per element from this layer's generator, then the mask applied: both by the kernel.
    Kernel k = Kernels.get();
    k.dropoutMask(rng, keep, scaledMask);
    k.multiply(x, scaledMask, output);
    forwardDone = true;
    return output;
  }

  /** The identity, copied: dropout is off at inference. */
  @Override
  public Matrix predict(Matrix x) {
    return x.copy();
  }

  @Override
  public Matrix backward(Matrix outputGradient, boolean inputGradientNeeded) {
    if (!forwardDone) {
      throw new IllegalStateException(this + ": backward called before forward");
    }
    scaledMask.requireSameShape(outputGradient, this + ": gradient of the output");
    if (!inputGradientNeeded) {
      return null;
    }
    Matrix inputGradient = inputGradients.get(scaledMask.rows(), scaledMask.cols());
    Kernels.get().multiply(outputGradient, scaledMask, inputGradient);
    return inputGradient;
  }

  /** The latest mask divided by keep ({@code 0} or {@code 1/keep} per element), for tests and inspection. */
  public Matrix scaledMask() {
    return scaledMask;
  }

  @Override
  public void saveState(TrainingState state) {
    state.putSetting("keep", keep);
    state.putRandom("rng", rng);
  }

  @Override
  public void restoreState(TrainingState state) {
    state.requireSetting("keep", keep);
    state.readRandom("rng", rng);
  }

  @Override
  public String toString() {
    return "Dropout(keep=" + keep + ", seed=" + seed + ")";
  }
}
