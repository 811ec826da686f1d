package io.jdnn.benchmarks;

import io.jdnn.core.kernel.Kernels;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.Trainer;
import io.jdnn.layers.Dense;
import io.jdnn.layers.ReLU;
import io.jdnn.layers.Softmax;
import io.jdnn.losses.CategoricalCrossEntropy;
import io.jdnn.optim.Adam;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Trains issue 20's digits network with the public API, as a user would, and prints how long each
 * epoch took: 784-128-64-10, ReLU, softmax with categorical cross-entropy, Adam at 1e-3,
 * mini-batches of 64 reshuffled every epoch, He initialisation; {@code benchmarks/compare-mlp.sh}
 * runs it beside NumPy and PyTorch doing the same work.
 *
 * <p>Standard output, one line per epoch: {@code epoch E ms T cost C} (T the epoch's wall time,
 * C its mean training cost). The kernel and its threads come from {@code -Djdnn.kernel} and
 * {@code -Djdnn.threads}, and are logged on standard error.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     io.jdnn.benchmarks.DigitsTraining datasets/digits 10
 * </pre>
 */
public final class DigitsTraining {
  private DigitsTraining() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: DigitsTraining DIGITS_DIR EPOCHS");
      System.exit(2);
    }
    Kernels.warmUp();
    Digits.Data data = Digits.load(Path.of(args[0]));
    int epochs = Integer.parseInt(args[1]);
    Sequential model = Sequential.of(new Dense(784, 128), new ReLU(), new Dense(128, 64), new ReLU(),
        new Dense(64, 10), new Softmax()).initialize(Initializer.HE, new NumpyRandom(1));
    long[] last = {System.nanoTime()};
    new Trainer(model, new CategoricalCrossEntropy(), new Adam(1e-3))
        .batchSize(64)
        .shuffleSeed(1)
        .epochListener(e -> {
          long now = System.nanoTime();
          System.out.printf(Locale.ROOT, "epoch %d ms %.3f cost %.6f%n", e.epoch(), (now - last[0]) / 1e6,
              e.trainCost());
          last[0] = System.nanoTime();
        })
        .fit(data.x(), data.y(), epochs);
  }
}
