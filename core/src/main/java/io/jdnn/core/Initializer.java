package io.jdnn.core;

import java.util.Locale;

/**
 * How a layer's weights start: fills a {@code fanOut x fanIn} weight matrix in row-major order
 * from a seeded {@link NumpyRandom}, so the draws match NumPy's {@code randn(fanOut, fanIn)}.
 * Biases start at zero.
 *
 * <ul>
 *   <li>{@link #SMALL}: {@code randn * 0.01}, the course's 2-layer model;
 *   <li>{@link #LECUN}: {@code randn / sqrt(fanIn)}, the course's L-layer helper.
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
      double[] d = w.data();
      for (int i = 0; i < d.length; i++) {
        d[i] = rng.nextGaussian() * 0.01;
      }
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

  /** The strategy called {@code name} (case-insensitive): {@code small} or {@code lecun}. */
  static Initializer byName(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "small":
        return SMALL;
      case "lecun":
        return LECUN;
      default:
        throw new IllegalArgumentException("unknown initializer '" + name + "', expected one of: small, lecun");
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
