package io.jdnn.examples.digits;

import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.metrics.Metrics;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.Trainer;
import io.jdnn.data.idx.IdxDataset;
import io.jdnn.layers.Dense;
import io.jdnn.layers.ReLU;
import io.jdnn.layers.Softmax;
import io.jdnn.losses.CategoricalCrossEntropy;
import io.jdnn.optim.Adam;
import java.nio.file.Path;

/**
 * The README's digits example: the project's 8,000 + 2,000 MNIST digits ({@code datasets/digits},
 * or a real MNIST download in the same layout) learnt from code by
 * {@code Dense(784, 128) -> ReLU -> Dense(128, 10) -> Softmax} with categorical cross-entropy (fused
 * with the softmax) and Adam on shuffled mini-batches of 32. A test runs it and requires a test
 * accuracy of at least 0.94.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp examples/target/jdnn-cat.jar io.jdnn.examples.digits.DigitsExample
 * </pre>
 */
public final class DigitsExample {
  private DigitsExample() {}

  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "datasets/digits");
    double accuracy = run(dir, 10);
    System.out.println("test accuracy " + accuracy);
  }

  /** Trains on the digits of {@code dataDir} for {@code epochs} epochs; returns the test accuracy. */
  public static double run(Path dataDir, int epochs) {
    // --- README example: begin ---
    IdxDataset digits = IdxDataset.load(dataDir); // x: 784 x m, pixels / 255; y: 10 x m, one-hot
    Sequential model = Sequential.of(
        new Dense(784, 128), new ReLU(),
        new Dense(128, 10), new Softmax());
    model.initialize(Initializer.HE, new NumpyRandom(1));
    new Trainer(model, new CategoricalCrossEntropy(), new Adam(0.001))
        .batchSize(32).shuffleSeed(1)
        .fit(digits.train().x(), digits.train().y(), epochs);
    double accuracy = Metrics.accuracy(model.predict(digits.test().x()), digits.test().y());
    // --- README example: end ---
    return accuracy;
  }
}
