package io.jdnn.optim;

import io.jdnn.core.kernel.Kernels;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.training.LearningRateSchedule;
import io.jdnn.core.training.Optimizer;
import io.jdnn.core.training.state.Stateful;
import io.jdnn.core.training.state.TrainingState;
import java.util.List;
import java.util.Objects;

/**
 * Adam with decoupled weight decay (AdamW, Loshchilov and Hutter, "Decoupled Weight Decay
 * Regularization", 2019): at step {@code t}, every weight first shrinks towards zero, then takes
 * {@link Adam}'s step,
 * <pre>
 * theta = theta - lr_t * weightDecay * theta
 * theta = theta - lr_t * mHat / (sqrt(vHat) + epsilon)      (Adam, from the gradient alone)
 * </pre>
 * as PyTorch's and Keras's {@code AdamW} do: the decay is scaled by the learning rate, so the
 * paper's {@code lambda} (with its schedule multiplier {@code eta_t = lr_t / lr}) is
 * {@code lr * weightDecay}.
 *
 * <p><b>Not the same as L2.</b> An L2 term ({@code Trainer.l2}) adds {@code lambda/m * theta} to
 * the gradient, which Adam then divides by {@code sqrt(vHat)}: a weight with large gradients is
 * barely regularised and one with tiny gradients is pushed to zero at about {@code lr} per step
 * whatever lambda is. Here the decay never enters {@code m} or {@code v}, so every weight shrinks by
 * the same fraction {@code lr_t * weightDecay} per step, which is what the paper shows generalises
 * better with Adam. (For plain gradient descent the two coincide, which is why SGD has no
 * separate weight decay.)
 *
 * <p>Only parameters marked {@link Parameter#regularized()} decay (the weights, not biases nor a
 * batch normalization's gamma and beta), the same ones L2 applies to.
 *
 * <pre>{@code
 * Optimizer adamw = new AdamW(1e-4, 0.01);   // beta1 0.9, beta2 0.999, epsilon 1e-8
 * }</pre>
 */
public final class AdamW implements Optimizer, Stateful {
  private final LearningRateSchedule schedule;
  private final double weightDecay;
  private final Adam adam;
  private boolean initialized;

  /**
   * @param schedule the learning rate per step
   * @param beta1 decay of the mean of the gradients, in [0, 1)
   * @param beta2 decay of the mean of the squared gradients, in [0, 1)
   * @param epsilon added to the denominator, positive
   * @param weightDecay the fraction of each weight removed per step, per unit of learning rate;
   *     finite and at least 0 (0 is plain Adam)
   */
  public AdamW(LearningRateSchedule schedule, double beta1, double beta2, double epsilon, double weightDecay) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
      throw new IllegalArgumentException("AdamW weight decay must be finite and at least 0, got " + weightDecay);
    }
    this.weightDecay = weightDecay;
    this.adam = new Adam(schedule, beta1, beta2, epsilon);
  }

  /** As {@link #AdamW(LearningRateSchedule, double, double, double, double)} with a constant learning rate. */
  public AdamW(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
    this(LearningRateSchedule.constant(learningRate), beta1, beta2, epsilon, weightDecay);
  }

  /** Adam's usual defaults (beta1 0.9, beta2 0.999, epsilon 1e-8) with {@code weightDecay}. */
  public AdamW(LearningRateSchedule schedule, double weightDecay) {
    this(schedule, 0.9, 0.999, 1e-8, weightDecay);
  }

  /** As {@link #AdamW(LearningRateSchedule, double)} with a constant learning rate. */
  public AdamW(double learningRate, double weightDecay) {
    this(LearningRateSchedule.constant(learningRate), weightDecay);
  }

  public double weightDecay() {
    return weightDecay;
  }

  @Override
  public void initialize(List<Parameter> parameters) {
    adam.initialize(parameters);
    initialized = true;
  }

  @Override
  public void step(List<Parameter> parameters) {
    if (!initialized) {
      // Before the decay touches a weight: Adam would only notice after it.
      throw new IllegalStateException("AdamW: step called before initialize");
    }
    // The rate Adam is about to use: its step count is the t of the coming step.
    double lr = schedule.rate(adam.steps());
    if (weightDecay > 0) {
      for (int i = 0; i < parameters.size(); i++) {
        Parameter p = parameters.get(i);
        if (p.regularized()) {
          // theta += (-lr * decay) * theta: the decay uses the weights before this step's update.
          Kernels.get().axpy(-lr * weightDecay, p.value(), p.value());
        }
      }
    }
    adam.step(parameters);
  }

  /** Steps taken since {@link #initialize}. */
  public long steps() {
    return adam.steps();
  }

  @Override
  public void reset() {
    adam.reset();
  }

  /** A checkpoint holds the weight decay and Adam's state (moments, step count, schedule). */
  @Override
  public void saveState(TrainingState state) {
    state.putSetting("weight-decay", weightDecay);
    adam.saveState(state);
  }

  /** Call after {@link #initialize}, with parameters of the saved shapes. */
  @Override
  public void restoreState(TrainingState state) {
    state.requireSetting("weight-decay", weightDecay);
    adam.restoreState(state);
  }

  @Override
  public String toString() {
    return adam.toString().replaceFirst("^Adam\\(", "AdamW(weightDecay=" + weightDecay + ", ");
  }
}
