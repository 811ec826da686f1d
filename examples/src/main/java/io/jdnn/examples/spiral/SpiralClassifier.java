package io.jdnn.examples.spiral;

import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.metrics.ClassificationReport;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.History;
import io.jdnn.core.training.Trainer;
import io.jdnn.core.training.dataset.Dataset;
import io.jdnn.layers.Dense;
import io.jdnn.layers.ReLU;
import io.jdnn.layers.Softmax;
import io.jdnn.losses.CategoricalCrossEntropy;
import io.jdnn.optim.Adam;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * A second example, composing a different network than the cat classifier: a 3-class planar
 * {@link Spiral} learnt by {@code Dense(2, h) -> ReLU -> Dense(h, 3) -> Softmax} with
 * categorical cross-entropy (fused with the softmax) and Adam on shuffled mini-batches. Prints the
 * model's summary, the cost every few epochs and the classification report on the training points.
 *
 * <pre>
 * java -cp examples/target/jdnn-cat.jar io.jdnn.examples.spiral.SpiralClassifier --epochs 300
 * </pre>
 */
@Command(name = "jdnn-spiral", mixinStandardHelpOptions = true,
    description = "Classifies a generated 3-arm planar spiral with a softmax network trained by Adam.")
public final class SpiralClassifier implements Callable<Integer> {

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--points", defaultValue = "100", description = "Points per arm (default: ${DEFAULT-VALUE}).")
  int points;

  @Option(names = "--hidden", defaultValue = "100", description = "Hidden ReLU units (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--epochs", defaultValue = "300", description = "Passes over the points (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--batch-size", defaultValue = "32", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--learning-rate", defaultValue = "0.01", description = "Adam's step size (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the data, the weights and the shuffling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--print-every", defaultValue = "50", description = "Print the cost every N epochs (default: ${DEFAULT-VALUE}).")
  int printEvery;

  /** What a run produced: the model, its training history and its report on the training points. */
  public record Result(Sequential model, History history, ClassificationReport report) {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new SpiralClassifier()).execute(args));
  }

  @Override
  public Integer call() {
    if (points < 2 || hidden < 1 || epochs < 1 || batchSize < 1 || !(learningRate > 0) || printEvery < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--points must be at least 2 and --hidden, --epochs, "
          + "--batch-size, --learning-rate and --print-every positive");
    }
    PrintWriter out = spec.commandLine().getOut();
    Result result = run(points, hidden, epochs, batchSize, learningRate, seed, printEvery, out);
    out.print(result.report());
    out.flush();
    return 0;
  }

  /**
   * Generates the spiral, builds and trains the network, printing its summary and a cost line
   * every {@code printEvery} epochs to {@code out}; returns the model and its report.
   */
  public static Result run(int points, int hidden, int epochs, int batchSize, double learningRate, long seed,
      int printEvery, PrintWriter out) {
    Dataset spiral = Spiral.generate(points, 3, new NumpyRandom(seed));
    Sequential model = Sequential.of(new Dense(2, hidden), new ReLU(), new Dense(hidden, 3), new Softmax())
        .initialize(Initializer.HE, new NumpyRandom(seed + 1));
    out.print(model.summary());
    out.flush();
    History history = new Trainer(model, new CategoricalCrossEntropy(), new Adam(learningRate))
        .batchSize(batchSize).shuffleSeed(seed + 2)
        .epochListener(e -> {
          if (e.epoch() % printEvery == 0 || e.epoch() == epochs - 1) {
            out.println("Cost after epoch " + e.epoch() + ": " + e.trainCost());
          }
        })
        .fit(spiral.x(), spiral.y(), epochs);
    List<String> names = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      names.add("arm " + c);
    }
    return new Result(model, history, ClassificationReport.of(model.predict(spiral.x()), spiral.y(), names));
  }
}
