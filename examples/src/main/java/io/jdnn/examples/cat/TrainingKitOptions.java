package io.jdnn.examples.cat;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.LearningRateSchedule;
import io.jdnn.core.training.Optimizer;
import io.jdnn.core.training.Trainer;
import io.jdnn.layers.Networks;
import io.jdnn.losses.BinaryCrossEntropy;
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

  /** Binary cross-entropy, with the class weights of {@code --class-weights} for {@code labels} if given. */
  BinaryCrossEntropy loss(Matrix labels) {
    if (classWeights == null) {
      return new BinaryCrossEntropy();
    }
    double[] w;
    if ("balanced".equals(classWeights)) {
      try {
        w = ClassWeights.balanced(labels);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--class-weights balanced: " + e.getMessage());
      }
    } else {
      w = explicitWeights();
    }
    return new BinaryCrossEntropy().withClassWeights(w[0], w[1]);
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
    if (w == null || w.length != 2 || !(w[0] > 0 && w[1] > 0) || !Double.isFinite(w[0]) || !Double.isFinite(w[1])) {
      throw new ParameterException(spec.commandLine(), "--class-weights must be 'balanced' or two positive weights,"
          + " non-cat then cat, e.g. 1,2; got '" + classWeights + "'");
    }
    return w;
  }

  /** The course's network of {@code sizes}, with dropout {@code keep}, and with batch normalization if asked. */
  Sequential network(double keep, long seed, int[] sizes) {
    return batchNorm ? Networks.reluSigmoidWithBatchNorm(keep, seed, sizes)
        : Networks.reluSigmoidWithDropout(keep, seed, sizes);
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
