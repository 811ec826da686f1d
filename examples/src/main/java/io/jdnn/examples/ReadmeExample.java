package io.jdnn.examples;

import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.metrics.Metrics;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.Trainer;
import io.jdnn.data.images.CatVsNonCat;
import io.jdnn.layers.Dense;
import io.jdnn.layers.ReLU;
import io.jdnn.layers.Sigmoid;
import io.jdnn.losses.BinaryCrossEntropy;
import io.jdnn.optim.SGD;
import java.nio.file.Path;

/**
 * The README's example of composing a network in code, kept here so that it always compiles and a
 * test runs it. Run, from the repository root (or give the folder of the course's two files):
 * {@code java --add-modules jdk.incubator.vector -cp examples/target/jdnn-cat.jar io.jdnn.examples.ReadmeExample [DIR]}.
 */
public final class ReadmeExample {
  private ReadmeExample() {}

  public static void main(String[] args) {
    double[] costs = run(Path.of(args.length > 0 ? args[0] : "datasets/catvnoncat"), 2500);
    System.out.println("final cost " + costs[costs.length - 1]);
  }

  /** Trains a 3-layer network on the cat data; returns the cost of every iteration. */
  public static double[] run(Path dataDir, int iterations) {
    // --- README example: begin ---
    CatVsNonCat data = CatVsNonCat.load(dataDir);
    Sequential model = Sequential.of(
        new Dense(12288, 20), new ReLU(),
        new Dense(20, 7), new ReLU(),
        new Dense(7, 1), new Sigmoid());
    model.initialize(Initializer.LECUN, new NumpyRandom(1));
    double[] costs = new Trainer(model, new BinaryCrossEntropy(), new SGD(0.0075))
        .listener((i, cost) -> { if (i % 500 == 0) System.out.println(i + ": " + cost); })
        .fit(data.train().x(), data.train().y(), iterations).costs();
    System.out.println("test accuracy " + Metrics.binaryAccuracy(model.predict(data.test().x()), data.test().y()));
    // --- README example: end ---
    return costs;
  }
}
