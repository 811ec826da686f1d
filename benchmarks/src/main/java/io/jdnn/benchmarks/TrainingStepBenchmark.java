package io.jdnn.benchmarks;

import io.jdnn.core.kernel.Kernel;
import io.jdnn.core.kernel.Kernels;
import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.Objective;
import io.jdnn.core.training.Optimizer;
import io.jdnn.data.images.CatVsNonCat;
import io.jdnn.layers.Networks;
import io.jdnn.losses.BinaryCrossEntropy;
import io.jdnn.optim.SGD;
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
 * One full gradient-descent iteration of the course's 4-layer net {@code [12288, 20, 7, 5, 1]} on
 * the real training images, exactly what {@code Trainer} does per full batch: a
 * {@link Objective} pass (forward, cost, loss gradient, backward without the gradient with
 * respect to the images) and an SGD step.
 *
 * <p>{@code m = 209} is the course's training set; {@code m = 2090} is the same images tiled ten
 * times along the examples, to show that the cost of an iteration grows linearly with m. The data
 * folder is the repository's {@code datasets/catvnoncat} (run from the repository root), or the
 * system property {@code jdnn.data}.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar TrainingStepBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
@State(Scope.Thread)
public class TrainingStepBenchmark {

  @Param({"209", "2090"})
  public int m;

  @Param({"vector-2", "vector-1", "ojalgo-2"})
  public String kernel;

  /**
   * How X is held: {@code bytes} as the loader gives it (pixels kept beside the doubles, which the
   * vector kernel reads instead), {@code doubles} as a plain matrix of the same values.
   */
  @Param({"bytes", "doubles"})
  public String input;

  private Kernel k;
  private Sequential model;
  private List<Parameter> parameters;
  private final Optimizer sgd = new SGD(0.0075);
  private Objective pass;
  private Matrix x;
  private Matrix y;

  @Setup(Level.Trial)
  public void setUp() {
    k = KernelChoice.create(kernel);
    Kernels.set(k);
    CatVsNonCat cats = CatVsNonCat.load(Path.of(System.getProperty("jdnn.data", "datasets/catvnoncat")));
    int copies = m / cats.train().count();
    if (copies * cats.train().count() != m) {
      throw new IllegalArgumentException("m must be a multiple of " + cats.train().count() + ", got " + m);
    }
    x = switch (input) {
      case "bytes" -> tileBytes(cats.train().x(), copies);
      case "doubles" -> tile(cats.train().x(), copies);
      default -> throw new IllegalArgumentException("input is '" + input + "', expected bytes or doubles");
    };
    y = tile(cats.train().y(), copies);
    model = Networks.reluSigmoid(12288, 20, 7, 5, 1).initialize(Initializer.LECUN, new NumpyRandom(1));
    parameters = model.parameters();
    pass = new Objective(model, new BinaryCrossEntropy());
    sgd.initialize(parameters);
  }

  /** {@code copies} copies of {@code a} side by side: the same examples, {@code copies} times. */
  static Matrix tile(Matrix a, int copies) {
    Matrix t = Matrix.zeros(a.rows(), a.cols() * copies);
    tileRows(a.data(), t.data(), a.rows(), a.cols(), copies);
    return t;
  }

  /** As {@link #tile}, for a byte-backed matrix, and byte-backed too. */
  static Matrix tileBytes(Matrix a, int copies) {
    byte[] to = new byte[a.size() * copies];
    tileRows(a.unsignedBytes().values(), to, a.rows(), a.cols(), copies);
    return Matrix.ofUnsignedBytes(a.rows(), a.cols() * copies, to, a.unsignedBytes().divisor());
  }

  /** Row i of {@code to} (an array of the same type) is row i of {@code from}, {@code copies} times. */
  private static void tileRows(Object from, Object to, int rows, int cols, int copies) {
    for (int i = 0; i < rows; i++) {
      for (int c = 0; c < copies; c++) {
        System.arraycopy(from, i * cols, to, (i * copies + c) * cols, cols);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    KernelChoice.close(k);
  }

  @Benchmark
  public double iteration() {
    double cost = pass.run(x, y);
    sgd.step(parameters);
    return cost;
  }
}
