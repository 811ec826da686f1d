package io.jdnn.core.kernel;

/**
 * The constants of Adam's update rule (Kingma and Ba 2015), as {@link Kernel#adamStep} applies it
 * at step {@code t = 1, 2, ...} to every element of a parameter:
 * <pre>
 * m = beta1 m + (1 - beta1) g          v = beta2 v + (1 - beta2) g^2
 * mHat = m / (1 - beta1^t)             vHat = v / (1 - beta2^t)
 * theta = theta - lr * mHat / (sqrt(vHat) + epsilon)
 * </pre>
 * Immutable: an optimizer builds it once, so a step allocates nothing.
 *
 * <pre>{@code
 * AdamRule rule = new AdamRule(0.9, 0.999, 1e-8);
 * kernel.adamStep(rule, 1e-3, t, m, v, w.gradient(), w.value());
 * }</pre>
 *
 * @param beta1 decay of the mean of the gradients, in [0, 1)
 * @param beta2 decay of the mean of the squared gradients, in [0, 1)
 * @param epsilon added to the denominator, positive and finite
 */
public record AdamRule(double beta1, double beta2, double epsilon) {
  public AdamRule {
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException("Adam betas must be in [0, 1), got beta1=" + beta1 + ", beta2=" + beta2);
    }
    if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
      throw new IllegalArgumentException("Adam epsilon must be positive and finite, got " + epsilon);
    }
  }

  /** {@code 1 - beta1^t}: the bias correction of the first moment at step t. */
  public double correction1(long step) {
    return 1 - Math.pow(beta1, step);
  }

  /** {@code 1 - beta2^t}: the bias correction of the second moment at step t. */
  public double correction2(long step) {
    return 1 - Math.pow(beta2, step);
  }
}
