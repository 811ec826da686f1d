package io.jdnn.core.training;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Logistic;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.nn.TinyDense;
import io.jdnn.core.training.dataset.Dataset;
import io.jdnn.core.training.loss.Loss;

/** Test fixtures for core: a logistic activation, a cross-entropy loss, small seeded data. */
final class Fixtures {
  private Fixtures() {}

  /** The course's binary cross-entropy, unclamped. */
  static final class CrossEntropy implements Loss {
    @Override
    public double cost(Matrix a, Matrix y) {
      double s = 0;
      for (int i = 0; i < a.size(); i++) {
        s += y.data()[i] * Math.log(a.data()[i]) + (1 - y.data()[i]) * Math.log(1 - a.data()[i]);
      }
      return -s / a.cols();
    }

    @Override
    public void gradient(Matrix a, Matrix y, Matrix out) {
      for (int i = 0; i < a.size(); i++) {
        double p = a.data()[i];
        out.data()[i] = -(y.data()[i] / p - (1 - y.data()[i]) / (1 - p)) / a.cols();
      }
    }
  }

  /** Dense(n, h) -> Logistic -> Dense(h, 1) -> Logistic, LeCun-initialised from seed 1. */
  static Sequential network(int n, int h) {
    return Sequential.of(new TinyDense(n, h), new Logistic(), new TinyDense(h, 1), new Logistic())
        .initialize(Initializer.LECUN, new NumpyRandom(1));
  }

  /** n features x m examples of N(0,1), labelled 1 when the first two features sum above 0. */
  static Dataset data(int n, int m, long seed) {
    NumpyRandom rng = new NumpyRandom(seed);
    Matrix x = Matrix.zeros(n, m);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = rng.nextGaussian();
    }
    Matrix y = Matrix.zeros(1, m);
    for (int j = 0; j < m; j++) {
      y.set(0, j, x.get(0, j) + x.get(1, j) > 0 ? 1 : 0);
    }
    return new Dataset(x, y);
  }
}
