package io.jdnn.benchmarks;

import io.jdnn.core.kernel.Kernel;
import io.jdnn.core.kernel.Kernels;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.Objective;
import io.jdnn.core.training.Optimizer;
import io.jdnn.core.training.dataset.Batch;
import io.jdnn.core.training.dataset.Dataset;
import io.jdnn.core.training.dataset.MiniBatches;
import io.jdnn.layers.Dense;
import io.jdnn.layers.ReLU;
import io.jdnn.layers.Sigmoid;
import io.jdnn.layers.Softmax;
import io.jdnn.losses.BinaryCrossEntropy;
import io.jdnn.losses.CategoricalCrossEntropy;
import io.jdnn.optim.Adam;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One mini-batch training step of a network a user would write for their own data (issue 20):
 * the next shuffled batch from {@link MiniBatches} (a new epoch's shuffle when one ends), an
 * {@link Objective} pass (forward, cost, backward) and an Adam step, exactly what {@code Trainer}
 * does per batch.
 *
 * <ul>
 *   <li>{@code digits}: 784-128-64-10, ReLU, softmax with categorical cross-entropy, Adam at 1e-3,
 *       batches of 64 of the 8,000 training digits ({@code datasets/digits}, or the system property
 *       {@code jdnn.digits}).
 *   <li>{@code tabular}: 30-16-1, ReLU, sigmoid with binary cross-entropy, Adam at 1e-3, batches
 *       of 32 of 4,000 generated examples: a step of a few microseconds, where fixed per-step costs
 *       dominate.
 * </ul>
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar MlpStepBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g", "-XX:+UseSerialGC"})
@State(Scope.Thread)
public class MlpStepBenchmark {

  @Param({"digits", "tabular"})
  public String network;

  @Param({"vector-2", "vector-1"})
  public String kernel;

  private Kernel k;
  private List<Parameter> parameters;
  private Optimizer adam;
  private Objective objective;
  private MiniBatches batches;
  private int epoch;

  @Setup(Level.Trial)
  public void setUp() {
    k = KernelChoice.create(kernel);
    Kernels.set(k);
    Sequential model;
    Digits.Data data;
    int batchSize;
    if (network.equals("digits")) {
      data = Digits.load(Path.of(System.getProperty("jdnn.digits", "datasets/digits")));
      model = Sequential.of(new Dense(784, 128), new ReLU(), new Dense(128, 64), new ReLU(), new Dense(64, 10),
          new Softmax());
      objective = new Objective(model, new CategoricalCrossEntropy());
      batchSize = 64;
    } else if (network.equals("tabular")) {
      data = Digits.tabular(4000, 1);
      model = Sequential.of(new Dense(30, 16), new ReLU(), new Dense(16, 1), new Sigmoid());
      objective = new Objective(model, new BinaryCrossEntropy());
      batchSize = 32;
    } else {
      throw new IllegalArgumentException("network is '" + network + "', expected digits or tabular");
    }
    model.initialize(Initializer.HE, new NumpyRandom(1));
    parameters = model.parameters();
    adam = new Adam(1e-3);
    adam.initialize(parameters);
    batches = new MiniBatches(new Dataset(data.x(), data.y()), batchSize, 1);
    batches.startEpoch(epoch);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    KernelChoice.close(k);
  }

  @Benchmark
  public double step() {
    if (!batches.hasNext()) {
      batches.startEpoch(++epoch);
    }
    Batch batch = batches.next();
    double cost = objective.run(batch.x(), batch.y());
    adam.step(parameters);
    return cost;
  }
}
