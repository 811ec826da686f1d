package io.jdnn.core.training;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.nn.Layer;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.loss.FusedLoss;
import io.jdnn.core.training.loss.Loss;
import java.util.ArrayList;
import java.util.List;

/**
 * Finite-difference checks of back-propagation, scored as the course scores them:
 * {@code difference = ||g - g_approx|| / (||g|| + ||g_approx||)} where {@code g} is the analytic
 * gradient and {@code g_approx[i] = (J(theta + eps e_i) - J(theta - eps e_i)) / (2 eps)}. Values
 * below about 1e-7 mean the backward pass is right.
 *
 * <p>Meant for small batches and small layers: it evaluates the cost twice per checked number.
 *
 * <p><b>Training mode.</b> The finite differences are of the training-mode computation, the one
 * back-propagation differentiates: {@link Layer#forward} (a batch normalization's batch statistics,
 * not its running averages), and for a model {@link Objective#run}. A layer whose forward pass is
 * random (dropout with keep below 1) draws new masks per evaluation and cannot be checked this way.
 *
 * <pre>{@code
 * double d = GradientCheck.ofModel(model, new BinaryCrossEntropy(), x, y, 1e-7);
 * assert d < 1e-7;
 * }</pre>
 */
public final class GradientCheck {
  private GradientCheck() {}

  /** The course's relative difference of two gradients of equal length (0 when both are zero). */
  public static double relativeDifference(double[] gradient, double[] approximation) {
    if (gradient.length != approximation.length) {
      throw new IllegalArgumentException("gradients differ in length: " + gradient.length + " vs " + approximation.length);
    }
    double diff = 0;
    double a = 0;
    double b = 0;
    for (int i = 0; i < gradient.length; i++) {
      double d = gradient[i] - approximation[i];
      diff += d * d;
      a += gradient[i] * gradient[i];
      b += approximation[i] * approximation[i];
    }
    double denominator = Math.sqrt(a) + Math.sqrt(b);
    return denominator == 0 ? 0 : Math.sqrt(diff) / denominator;
  }

  /**
   * Checks every parameter gradient of {@code model} under {@code loss} on the batch ({@code x},
   * {@code y}); returns the relative difference over all parameters together.
   */
  public static double ofModel(Sequential model, Loss loss, Matrix x, Matrix y, double epsilon) {
    return ofModel(model, new Objective(model, loss), x, y, epsilon);
  }

  /**
   * As {@link #ofModel(Sequential, Loss, Matrix, Matrix, double)} for the pass a trainer runs,
   * e.g. with an L2 penalty or a {@link FusedLoss}: its gradients against finite differences of
   * the cost its {@link Objective#run} returns (training mode).
   */
  public static double ofModel(Sequential model, Objective pass, Matrix x, Matrix y, double epsilon) {
    pass.run(x, y);
    List<Matrix> values = new ArrayList<>();
    List<Matrix> gradients = new ArrayList<>();
    for (Parameter p : model.parameters()) {
      values.add(p.value());
      gradients.add(p.gradient().copy());
    }
    return compare(values, gradients, () -> pass.run(x, y), epsilon);
  }

  /**
   * Checks one layer alone: the gradients of its parameters and of its input under the scalar
   * objective {@code J = sum(upstream * layer(x))}, whose gradient with respect to the output is
   * {@code upstream}, computed by the layer's {@link Layer#forward} (training mode). Returns the
   * relative difference over all of them together.
   */
  public static double ofLayer(Layer layer, Matrix x, Matrix upstream, double epsilon) {
    Matrix input = x.copy();
    layer.forward(input);
    Matrix dx = layer.backward(upstream, true).copy();
    List<Matrix> values = new ArrayList<>();
    List<Matrix> gradients = new ArrayList<>();
    for (Parameter p : layer.parameters()) {
      values.add(p.value());
      gradients.add(p.gradient().copy());
    }
    values.add(input);
    gradients.add(dx);
    return compare(values, gradients, () -> dot(upstream, layer.forward(input)), epsilon);
  }

  /**
   * Checks a loss's gradient: {@code dJ/dA} from {@link Loss#gradient} against finite differences
   * of {@link Loss#cost} at {@code predictions}.
   */
  public static double ofLoss(Loss loss, Matrix predictions, Matrix labels, double epsilon) {
    Matrix a = predictions.copy();
    Matrix g = Matrix.zeros(a.rows(), a.cols());
    loss.gradient(a, labels, g);
    return compare(List.of(a), List.of(g), () -> loss.cost(a, labels), epsilon);
  }

  /**
   * Checks a {@link FusedLoss}'s gradient with respect to the logits: {@link FusedLoss#logitGradient}
   * against finite differences of {@link FusedLoss#costFromLogits} at {@code logits}, where
   * {@code activation} computes {@code a = f(z)} (e.g. a Sigmoid layer's {@code predict}).
   */
  public static double ofFusedLoss(FusedLoss loss, Layer activation, Matrix logits, Matrix labels, double epsilon) {
    Matrix z = logits.copy();
    Matrix g = Matrix.zeros(z.rows(), z.cols());
    loss.logitGradient(z, activation.predict(z), labels, g);
    return compare(List.of(z), List.of(g), () -> loss.costFromLogits(z, labels), epsilon);
  }

  private static double compare(List<Matrix> values, List<Matrix> gradients, java.util.function.DoubleSupplier cost,
      double epsilon) {
    int n = 0;
    for (Matrix v : values) {
      n += v.size();
    }
    double[] analytic = new double[n];
    double[] approx = new double[n];
    int k = 0;
    for (int t = 0; t < values.size(); t++) {
      double[] v = values.get(t).data();
      double[] g = gradients.get(t).data();
      for (int i = 0; i < v.length; i++, k++) {
        double saved = v[i];
        v[i] = saved + epsilon;
        double plus = cost.getAsDouble();
        v[i] = saved - epsilon;
        double minus = cost.getAsDouble();
        v[i] = saved;
        analytic[k] = g[i];
        approx[k] = (plus - minus) / (2 * epsilon);
      }
    }
    return relativeDifference(analytic, approx);
  }

  private static double dot(Matrix a, Matrix b) {
    a.requireSameShape(b, "layer output");
    double s = 0;
    for (int i = 0; i < a.size(); i++) {
      s += a.data()[i] * b.data()[i];
    }
    return s;
  }
}
