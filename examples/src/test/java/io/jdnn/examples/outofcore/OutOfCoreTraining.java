package io.jdnn.examples.outofcore;

import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.metrics.Metrics;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.History;
import io.jdnn.core.training.Trainer;
import io.jdnn.core.training.dataset.Batch;
import io.jdnn.core.training.dataset.Checks;
import io.jdnn.data.images.Hdf5BatchSource;
import io.jdnn.data.images.Hdf5Batches;
import io.jdnn.data.images.LabeledImages;
import io.jdnn.data.io.DataFormatException;
import io.jdnn.layers.Networks;
import io.jdnn.losses.BinaryCrossEntropy;
import io.jdnn.optim.SGD;
import java.nio.file.Path;

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
      // issue 4's trainer, fed from disk: only one batch is ever in memory.
      History history = new Trainer(model, new BinaryCrossEntropy(), new SGD(learningRate))
          .epochListener(e -> System.out.println("epoch=" + e.epoch() + " meanCost=" + e.trainCost()))
          .fit(new Hdf5BatchSource(data, 0, trainCount, batchSize), epochs);
      System.out.println("iterations=" + history.costs().length);
      int correct = 0;
      for (int from = trainCount; from < data.count(); from += batchSize) {
        int to = Math.min(from + batchSize, data.count());
        Batch b = data.read(from, to);
        correct += (int) Math.round(Metrics.binaryAccuracy(model.predict(b.x()), b.y()) * (to - from));
      }
      System.out.println("heldOutAccuracy=" + (double) correct / (data.count() - trainCount));
    }
  }
}
