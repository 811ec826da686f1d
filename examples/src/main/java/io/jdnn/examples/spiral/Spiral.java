package io.jdnn.examples.spiral;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.training.dataset.Dataset;

/**
 * The planar spiral of Stanford's CS231n notes: k arms of n points each, arm j at radius
 * {@code r = linspace(0, 1, n)} and angle {@code t = linspace(4j, 4(j+1), n) + 0.2 N(0,1)},
 * point {@code (r sin t, r cos t)}. Not linearly separable, so a network needs a hidden layer.
 *
 * <p>Shapes: {@code x} is {@code 2 x kn}, {@code y} one-hot {@code k x kn}, arm by arm.
 *
 * <pre>{@code
 * Dataset spiral = Spiral.generate(100, 3, new NumpyRandom(0));
 * }</pre>
 */
public final class Spiral {
  private Spiral() {}

  /** {@code classes} arms of {@code perClass} points, the noise drawn from {@code rng}. */
  public static Dataset generate(int perClass, int classes, NumpyRandom rng) {
    if (perClass < 2 || classes < 2) {
      throw new IllegalArgumentException("a spiral needs at least 2 classes of 2 points, got " + classes + " of "
          + perClass);
    }
    int m = perClass * classes;
    Matrix x = Matrix.zeros(2, m);
    Matrix y = Matrix.zeros(classes, m);
    for (int j = 0; j < classes; j++) {
      for (int i = 0; i < perClass; i++) {
        int col = j * perClass + i;
        double fraction = (double) i / (perClass - 1);
        double r = fraction;
        double t = 4.0 * j + 4.0 * fraction + rng.nextGaussian() * 0.2;
        x.set(0, col, r * Math.sin(t));
        x.set(1, col, r * Math.cos(t));
        y.set(j, col, 1.0);
      }
    }
    return new Dataset(x, y);
  }
}
