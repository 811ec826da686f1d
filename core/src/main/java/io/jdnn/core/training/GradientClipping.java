package io.jdnn.core.training;

import io.jdnn.core.nn.Parameter;
import java.util.List;

/**
 * Clipping by global norm (Pascanu et al. 2013; TensorFlow's {@code clip_by_global_norm}): the
 * gradients of all parameters are treated as one vector {@code g}, and when its length
 * {@code ||g|| = sqrt(sum over every gradient entry of g_i^2)} exceeds {@code maxNorm}, every entry
 * is multiplied by {@code maxNorm / ||g||}. The direction of the step is kept and only its length is
 * capped; gradients already within the norm are left exactly as they are.
 *
 * <p>The {@link Trainer} calls it after the NaN guard and before {@link Optimizer#step}, on the
 * gradient the optimizer is about to use (the L2 term included). Clipping cannot rescue a NaN or
 * infinite gradient, which is why the guard runs first and names the layer.
 *
 * <p>Scans the gradients twice and allocates nothing; a norm whose sum of squares would overflow is
 * computed on scaled values instead.
 *
 * <pre>{@code
 * double before = GradientClipping.clipByGlobalNorm(model.parameters(), 5.0);
 * optimizer.step(model.parameters());
 * }</pre>
 */
public final class GradientClipping {
  private GradientClipping() {}

  /** {@code sqrt(sum g_i^2)} over the gradients of all {@code parameters}; NaN if any entry is NaN. */
  public static double globalNorm(List<Parameter> parameters) {
    double sum = 0;
    for (int k = 0; k < parameters.size(); k++) {
      for (double g : parameters.get(k).gradient().data()) {
        sum += g * g;
      }
    }
    if (Double.isFinite(sum)) {
      return Math.sqrt(sum);
    }
    // Overflow (or a NaN/infinite entry): divide by the largest magnitude first, as BLAS's dnrm2 does.
    double largest = 0;
    for (int k = 0; k < parameters.size(); k++) {
      for (double g : parameters.get(k).gradient().data()) {
        if (Double.isNaN(g)) {
          return Double.NaN;
        }
        largest = Math.max(largest, Math.abs(g));
      }
    }
    if (!Double.isFinite(largest)) {
      return largest;
    }
    double scaled = 0;
    double inverse = 1.0 / largest;
    for (int k = 0; k < parameters.size(); k++) {
      for (double g : parameters.get(k).gradient().data()) {
        double s = g * inverse;
        scaled += s * s;
      }
    }
    return largest * Math.sqrt(scaled);
  }

  /**
   * Scales every gradient of {@code parameters} by {@code maxNorm / ||g||} when the global norm
   * {@code ||g||} exceeds {@code maxNorm}; otherwise leaves them untouched.
   *
   * @return the global norm before clipping
   * @throws IllegalArgumentException when {@code maxNorm} is not positive and finite
   */
  public static double clipByGlobalNorm(List<Parameter> parameters, double maxNorm) {
    if (!(maxNorm > 0) || !Double.isFinite(maxNorm)) {
      throw new IllegalArgumentException("the clipping norm must be positive and finite, got " + maxNorm);
    }
    double norm = globalNorm(parameters);
    if (norm > maxNorm && Double.isFinite(norm)) {
      double scale = maxNorm / norm;
      for (int k = 0; k < parameters.size(); k++) {
        double[] g = parameters.get(k).gradient().data();
        for (int i = 0; i < g.length; i++) {
          g[i] *= scale;
        }
      }
    }
    return norm;
  }
}
