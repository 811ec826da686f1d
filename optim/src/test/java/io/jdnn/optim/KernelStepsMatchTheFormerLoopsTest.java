package io.jdnn.optim;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.kernel.Kernel;
import io.jdnn.core.kernel.Kernels;
import io.jdnn.core.kernel.NaiveKernel;
import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.Parameter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Adam and Momentum now step through the kernel ({@code Kernel.adamStep}, {@code momentumStep});
 * this holds them to the loops they ran before, copied here, bit for bit, over many steps with
 * parameters whose lengths leave vector tails, on the default kernel and on the naive one.
 */
class KernelStepsMatchTheFormerLoopsTest {
  private static final int STEPS = 25;
  private Kernel saved;

  @AfterEach
  void restoreKernel() {
    if (saved != null) {
      Kernels.set(saved);
    }
  }

  private static List<Parameter> parameters(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int[][] shapes = {{13, 37}, {13, 1}, {3, 5}};
    Parameter[] ps = new Parameter[shapes.length];
    for (int i = 0; i < shapes.length; i++) {
      double[] w = new double[shapes[i][0] * shapes[i][1]];
      for (int k = 0; k < w.length; k++) {
        w[k] = rng.nextDouble(-1, 1);
      }
      ps[i] = new Parameter("W" + i, Matrix.of(shapes[i][0], shapes[i][1], w));
    }
    return List.of(ps);
  }

  /** Gradients for step s: random, with a few exact zeros and a wide range of magnitudes. */
  private static void gradients(List<Parameter> ps, int s) {
    SplittableRandom rng = new SplittableRandom(1000 + s);
    for (Parameter p : ps) {
      double[] g = p.gradient().data();
      for (int k = 0; k < g.length; k++) {
        g[k] = k % 17 == 3 ? 0.0 : rng.nextDouble(-1, 1) * Math.pow(10, rng.nextInt(-6, 3));
      }
    }
  }

  /** Adam's step before the kernel did it, verbatim. */
  private static void formerAdam(List<Parameter> ps, double[][] ms, double[][] vs, double lr, double beta1,
      double beta2, double epsilon, long t) {
    double correction1 = 1 - Math.pow(beta1, t);
    double correction2 = 1 - Math.pow(beta2, t);
    for (int i = 0; i < ps.size(); i++) {
      double[] m = ms[i];
      double[] v = vs[i];
      double[] g = ps.get(i).gradient().data();
      double[] w = ps.get(i).value().data();
      for (int k = 0; k < w.length; k++) {
        m[k] = beta1 * m[k] + (1 - beta1) * g[k];
        v[k] = beta2 * v[k] + (1 - beta2) * (g[k] * g[k]);
        double mHat = m[k] / correction1;
        double vHat = v[k] / correction2;
        w[k] -= lr * mHat / (Math.sqrt(vHat) + epsilon);
      }
    }
  }

  /** Momentum's step before the kernel did it, verbatim. */
  private static void formerMomentum(List<Parameter> ps, double[][] vs, double lr, double beta) {
    for (int i = 0; i < ps.size(); i++) {
      double[] vd = vs[i];
      double[] g = ps.get(i).gradient().data();
      double[] w = ps.get(i).value().data();
      for (int k = 0; k < w.length; k++) {
        vd[k] = beta * vd[k] + (1 - beta) * g[k];
        w[k] -= lr * vd[k];
      }
    }
  }

  private static double[][] zerosLike(List<Parameter> ps) {
    double[][] z = new double[ps.size()][];
    for (int i = 0; i < ps.size(); i++) {
      z[i] = new double[ps.get(i).value().size()];
    }
    return z;
  }

  private void adamMatches(Kernel kernel) {
    saved = Kernels.set(kernel);
    List<Parameter> actual = parameters(1);
    List<Parameter> expected = parameters(1);
    double[][] ms = zerosLike(expected);
    double[][] vs = zerosLike(expected);
    Adam adam = new Adam(1e-3, 0.9, 0.999, 1e-8);
    adam.initialize(actual);
    for (int s = 1; s <= STEPS; s++) {
      gradients(actual, s);
      gradients(expected, s);
      adam.step(actual);
      formerAdam(expected, ms, vs, 1e-3, 0.9, 0.999, 1e-8, s);
      for (int i = 0; i < actual.size(); i++) {
        assertThat(actual.get(i).value().data()).as("%s, step %d, parameter %d", kernel, s, i)
            .isEqualTo(expected.get(i).value().data());
      }
    }
    assertThat(actual.get(0).value()).as("the weights moved").isNotEqualTo(parameters(1).get(0).value());
  }

  private void momentumMatches(Kernel kernel) {
    saved = Kernels.set(kernel);
    List<Parameter> actual = parameters(2);
    List<Parameter> expected = parameters(2);
    double[][] vs = zerosLike(expected);
    Momentum momentum = new Momentum(0.05, 0.9);
    momentum.initialize(actual);
    for (int s = 1; s <= STEPS; s++) {
      gradients(actual, s);
      gradients(expected, s);
      momentum.step(actual);
      formerMomentum(expected, vs, 0.05, 0.9);
      for (int i = 0; i < actual.size(); i++) {
        assertThat(actual.get(i).value().data()).as("%s, step %d, parameter %d", kernel, s, i)
            .isEqualTo(expected.get(i).value().data());
      }
    }
    assertThat(actual.get(0).value()).as("the weights moved").isNotEqualTo(parameters(2).get(0).value());
  }

  @Test
  void adamOnTheDefaultKernelIsTheFormerLoopBitForBit() {
    adamMatches(Kernels.get());
  }

  @Test
  void adamOnTheNaiveKernelIsTheFormerLoopBitForBit() {
    adamMatches(new NaiveKernel());
  }

  @Test
  void momentumOnTheDefaultKernelIsTheFormerLoopBitForBit() {
    momentumMatches(Kernels.get());
  }

  @Test
  void momentumOnTheNaiveKernelIsTheFormerLoopBitForBit() {
    momentumMatches(new NaiveKernel());
  }
}
