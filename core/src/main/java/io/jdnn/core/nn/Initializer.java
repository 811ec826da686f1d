package io.jdnn.core.nn;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import java.util.Locale;

/**
 * How a layer's weights start: fills a {@code fanOut x fanIn} weight matrix in row-major order
 * from a seeded {@link NumpyRandom}, so the draws match NumPy's {@code randn(fanOut, fanIn)}.
 * Biases start at zero.
 *
 * <ul>
 *   <li>{@link #SMALL}: {@code randn * 0.01}, the course's 2-layer model;
 *   <li>{@link #LECUN}: {@code randn / sqrt(fanIn)}, the course's L-layer helper;
 *   <li>{@link #HE}: {@code randn * sqrt(2 / fanIn)}, for ReLU networks (He et al. 2015, the
 *       course's "He initialization");
 *   <li>{@link #XAVIER_NORMAL}: {@code randn * sqrt(2 / (fanIn + fanOut))} (Glorot and Bengio 2010);
 *   <li>{@link #XAVIER_UNIFORM}: {@code uniform(-r, r)} with {@code r = sqrt(6 / (fanIn + fanOut))},
 *       drawn as NumPy's {@code uniform(low, high) = low + (high - low) * random_sample()}.
 * </ul>
 *
 * <pre>{@code
 * model.initialize(Initializer.LECUN, new NumpyRandom(1));
 * Initializer init = Initializer.byName("small");
 * }</pre>
 */
public interface Initializer {

  /** Fills {@code weights} ({@code fanOut x fanIn}) with initial values drawn from {@code rng}. */
  void initialize(Matrix weights, int fanIn, int fanOut, NumpyRandom rng);

  /** The strategy's name, as {@link #byName} accepts it. */
  String name();

  /** {@code N(0,1) * 0.01}. */
  Initializer SMALL = new Named("small") {
    @Override
    public void initialize(Matrix w, int fanIn, int fanOut, NumpyRandom rng) {
      gaussianTimes(w, 0.01, rng);
    }
  };

  /** {@code N(0,1) / sqrt(fanIn)} (divided, not multiplied by the reciprocal, as the course does). */
  Initializer LECUN = new Named("lecun") {
    @Override
    public void initialize(Matrix w, int fanIn, int fanOut, NumpyRandom rng) {
      double s = Math.sqrt(fanIn);
      double[] d = w.data();
      for (int i = 0; i < d.length; i++) {
        d[i] = rng.nextGaussian() / s;
      }
    }
  };

  /** {@code N(0,1) * sqrt(2 / fanIn)}, as the course's {@code randn(...) * np.sqrt(2. / n_prev)}. */
  Initializer HE = new Named("he") {
    @Override
    public void initialize(Matrix w, int fanIn, int fanOut, NumpyRandom rng) {
      gaussianTimes(w, Math.sqrt(2.0 / fanIn), rng);
    }
  };

  /** {@code N(0,1) * sqrt(2 / (fanIn + fanOut))}. */
  Initializer XAVIER_NORMAL = new Named("xavier") {
    @Override
    public void initialize(Matrix w, int fanIn, int fanOut, NumpyRandom rng) {
      gaussianTimes(w, Math.sqrt(2.0 / (fanIn + fanOut)), rng);
    }
  };

  /** {@code U(-r, r)}, {@code r = sqrt(6 / (fanIn + fanOut))}: the same variance as {@link #XAVIER_NORMAL}. */
  Initializer XAVIER_UNIFORM = new Named("xavier-uniform") {
    @Override
    public void initialize(Matrix w, int fanIn, int fanOut, NumpyRandom rng) {
      double r = Math.sqrt(6.0 / (fanIn + fanOut));
      double[] d = w.data();
      for (int i = 0; i < d.length; i++) {
        d[i] = -r + (r - -r) * rng.nextDouble();
      }
    }
  };

  /** Fills {@code w} with {@code randn * scale} in NumPy's order: the draws times the scale, as the course writes it. */
  private static void gaussianTimes(Matrix w, double scale, NumpyRandom rng) {
    double[] d = w.data();
    for (int i = 0; i < d.length; i++) {
      d[i] = rng.nextGaussian() * scale;
    }
  }

  /** The names {@link #byName} accepts, in a fixed order. */
  String NAMES = "small, lecun, he, xavier, xavier-uniform";

  /**
   * The strategy called {@code name} (case-insensitive): {@code small}, {@code lecun}, {@code he},
   * {@code xavier} (normal) or {@code xavier-uniform}.
   */
  static Initializer byName(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "small":
        return SMALL;
      case "lecun":
        return LECUN;
      case "he":
        return HE;
      case "xavier":
      case "xavier-normal":
        return XAVIER_NORMAL;
      case "xavier-uniform":
        return XAVIER_UNIFORM;
      default:
        throw new IllegalArgumentException("unknown initializer '" + name + "', expected one of: " + NAMES);
    }
  }

  /** Base of the named strategies: the name doubles as {@code toString()}. */
  abstract class Named implements Initializer {
    private final String name;

    protected Named(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
