package io.jdnn.examples.outofcore;

import io.jdnn.core.Buffers;
import io.jdnn.core.Checks;
import io.jdnn.core.Initializer;
import io.jdnn.core.Matrix;
import io.jdnn.core.Metrics;
import io.jdnn.core.NumpyRandom;
import io.jdnn.core.Parameter;
import io.jdnn.core.Sequential;
import io.jdnn.data.DataFormatException;
import io.jdnn.data.Hdf5Batches;
import io.jdnn.data.LabeledImages;
import io.jdnn.layers.Networks;
import io.jdnn.losses.BinaryCrossEntropy;
import io.jdnn.optim.SGD;
import java.nio.file.Path;
import java.util.List;

/**
 * The child JVM of {@link OutOfCoreTrainingTest}: trains on a file too big for its heap, reading
 * mini-batches from disk, and prints {@code key=value} lines the test checks.
 *
 * <p>Arguments: file, training examples (the rest are held out), epochs, batch size, learning rate.
 */
public final class OutOfCoreTraining {
  private OutOfCoreTraining() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    int trainCount = Integer.parseInt(args[1]);
    int epochs = Integer.parseInt(args[2]);
    int batchSize = Integer.parseInt(args[3]);
    double learningRate = Double.parseDouble(args[4]);
    Checks.atLeastOne(batchSize, "batch size");
    System.out.println("maxHeapBytes=" + Runtime.getRuntime().maxMemory());

    // First, the guard: reading the whole file at once must be refused, not die of OutOfMemoryError.
    try {
      LabeledImages.read(file, SyntheticImages.X, SyntheticImages.Y);
      System.out.println("wholeFile=loaded");
    } catch (DataFormatException e) {
      System.out.println("wholeFile=refused " + e.getMessage());
    }

    try (Hdf5Batches data = Hdf5Batches.open(file, SyntheticImages.X, SyntheticImages.Y)) {
      System.out.println("examples=" + data.count() + " features=" + data.features());
      Sequential model = Networks.reluSigmoid(data.features(), 8, 1).initialize(Initializer.LECUN, new NumpyRandom(1));
      BinaryCrossEntropy loss = new BinaryCrossEntropy();
      SGD sgd = new SGD(learningRate);
      List<Parameter> parameters = model.parameters();
      sgd.initialize(parameters);
      Matrix x = Matrix.zeros(data.features(), batchSize);
      Matrix y = Matrix.zeros(1, batchSize);
      Matrix gradient = null;
      int step = 0;
      for (int epoch = 0; epoch < epochs; epoch++) {
        double sum = 0;
        int batches = 0;
        for (int from = 0; from + batchSize <= trainCount; from += batchSize, step++) {
          data.read(from, from + batchSize, x, y);
          Matrix a = model.forward(x);
          double cost = loss.cost(a, y);
          Checks.finiteCost(cost, step);
          gradient = Buffers.reuse(gradient, a.rows(), a.cols());
          loss.gradient(a, y, gradient);
          model.backward(gradient);
          Checks.finiteGradients(model, step);
          sgd.step(parameters);
          sum += cost;
          batches++;
        }
        System.out.println("epoch=" + epoch + " meanCost=" + sum / batches);
      }
      int correct = 0;
      for (int from = trainCount; from < data.count(); from += batchSize) {
        int to = Math.min(from + batchSize, data.count());
        Hdf5Batches.Batch b = data.read(from, to);
        correct += (int) Math.round(Metrics.binaryAccuracy(model.predict(b.x()), b.y()) * (to - from));
      }
      System.out.println("heldOutAccuracy=" + (double) correct / (data.count() - trainCount));
    }
  }
}
