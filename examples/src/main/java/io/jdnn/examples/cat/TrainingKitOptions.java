package io.jdnn.examples.cat;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.training.LearningRateSchedule;
import io.jdnn.core.training.Optimizer;
import io.jdnn.core.training.Trainer;
import io.jdnn.core.training.loss.Loss;
import io.jdnn.losses.BinaryCrossEntropy;
import io.jdnn.losses.CategoricalCrossEntropy;
import io.jdnn.losses.ClassWeights;
import io.jdnn.optim.Adam;
import io.jdnn.optim.AdamW;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of issue 18's practitioner's kit, mixed into {@code train} (picocli
 * {@code @Mixin}), each off by default so that the course's run is unchanged:
 * {@code --batch-norm}, {@code --weight-decay} (decoupled, AdamW), {@code --clip-norm}
 * (gradient clipping by global norm) and {@code --class-weights}. Kept together, out of the commands' own option lists, so each command only asks this class
 * for its optimizer and trainer settings.
 *
 * <pre>
 * jdnn-cat train --batch-norm --optimizer adam --learning-rate 1e-4 --batch-size 64 --epochs 300 --weight-decay 0.01 --clip-norm 5
 * </pre>
 */
final class TrainingKitOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--batch-norm",
      description = "Batch normalization after every hidden dense layer, before its ReLU (momentum 0.9, "
          + "epsilon 1e-5); those dense layers then have no bias, which it would cancel.")
  boolean batchNorm;

  @Option(names = "--weight-decay", paramLabel = "LAMBDA", defaultValue = "0",
      description = "Decoupled weight decay with --optimizer adam (AdamW): every step each weight shrinks by "
          + "learning rate x LAMBDA, outside Adam's normalisation, unlike --l2; weights only. 0 means none "
          + "(default: ${DEFAULT-VALUE}).")
  double weightDecay;

  @Option(names = "--clip-norm", paramLabel = "NORM", defaultValue = "0",
      description = "Before each step, scale all gradients together down to this global norm when they are longer; "
          + "0 means no clipping (default: ${DEFAULT-VALUE}).")
  double clipNorm;

  @Option(names = "--class-weights", paramLabel = "balanced|W0,W1",
      description = "Weigh each image's cost by its class: 'balanced' (m / (2 n_class), from the training labels) "
          + "or the weights of non-cat and cat, e.g. 1,2. Default: none.")
  String classWeights;

  /** Refuses values out of range, and weight decay with an optimizer other than Adam. */
  void validate(String optimizer) {
    if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
      throw new ParameterException(spec.commandLine(), "--weight-decay must be at least 0, got " + weightDecay);
    }
    if (weightDecay > 0 && !"adam".equals(optimizer)) {
      throw new ParameterException(spec.commandLine(), "--weight-decay is decoupled weight decay for --optimizer adam"
          + " (AdamW), got --optimizer " + optimizer + "; with sgd it is the same as --l2, use that");
    }
    if (!(clipNorm >= 0) || !Double.isFinite(clipNorm)) {
      throw new ParameterException(spec.commandLine(), "--clip-norm must be positive, or 0 for none, got " + clipNorm);
    }
    if (classWeights != null && !"balanced".equals(classWeights)) {
      explicitWeights();
    }
  }

  /**
   * {@code loss} with the class weights of {@code --class-weights} for {@code labels} ({@code
   * outputs x m}: 0/1 for one output, one-hot for more), or {@code loss} itself when none are given.
   */
  Loss weigh(Loss loss, Matrix labels) {
    if (classWeights == null) {
      return loss;
    }
    int classes = Math.max(2, labels.rows());
    double[] w;
    if ("balanced".equals(classWeights)) {
      try {
        w = ClassWeights.balanced(labels);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--class-weights balanced: " + e.getMessage());
      }
    } else {
      w = explicitWeights();
      if (w.length != classes) {
        throw new ParameterException(spec.commandLine(), "--class-weights gives " + w.length + " weights but the data has "
            + classes + " classes; give one positive weight per class, in class order, or 'balanced'");
      }
    }
    if (loss instanceof BinaryCrossEntropy binary) {
      return binary.withClassWeights(w[0], w[1]);
    }
    if (loss instanceof CategoricalCrossEntropy categorical) {
      return categorical.withClassWeights(w);
    }
    throw new ParameterException(spec.commandLine(), "--class-weights needs a cross-entropy loss, not " + loss);
  }

  /** Whether {@code --batch-norm} was given. */
  boolean batchNorm() {
    return batchNorm;
  }

  private double[] explicitWeights() {
    String[] parts = classWeights.split(",", -1);
    double[] w = new double[parts.length];
    try {
      for (int i = 0; i < parts.length; i++) {
        w[i] = Double.parseDouble(parts[i].trim());
      }
    } catch (NumberFormatException e) {
      w = null;
    }
    boolean positive = w != null && w.length >= 2;
    for (int i = 0; positive && i < w.length; i++) {
      positive = w[i] > 0 && Double.isFinite(w[i]);
    }
    if (!positive) {
      throw new ParameterException(spec.commandLine(), "--class-weights must be 'balanced' or one positive weight per"
          + " class in class order (for the cats: non-cat then cat, e.g. 1,2); got '" + classWeights + "'");
    }
    return w;
  }

  /** Adam, or AdamW when {@code --weight-decay} is set. */
  Optimizer adam(LearningRateSchedule schedule) {
    return weightDecay > 0 ? new AdamW(schedule, weightDecay) : new Adam(schedule);
  }

  /** Applies {@code --clip-norm} to {@code trainer}; returns it. */
  Trainer configure(Trainer trainer) {
    return trainer.clipNorm(clipNorm);
  }
}
