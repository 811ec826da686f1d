package io.jdnn.data.hdf5;

import io.jdnn.core.training.dataset.Batch;
import io.jdnn.data.images.Hdf5Batches;
import io.jdnn.data.io.FileFormatException;
import io.jdnn.data.model.ModelFile;
import java.nio.file.Path;

/**
 * The child JVM of {@link HostileHdf5Test}: reads each decompression bomb the three ways a user
 * can (whole, in slices, as a model), then a model file whose architecture asks for a
 * 12288 x 100,000 layer ({@code args[0]}, a folder to write it in), and prints one line per attempt: {@code refused: <message>}
 * or {@code loaded}. Any other exception, an OutOfMemoryError above all, ends the child with a
 * non-zero exit code.
 */
public final class BombProbe {
  private BombProbe() {}

  public static void main(String[] args) {
    attempt(() -> {
      try (Hdf5File file = Hdf5File.open(Fixtures.file("images-bomb.h5"))) {
        file.numeric("x");
      }
    });
    attempt(() -> {
      try (Hdf5Batches batches = Hdf5Batches.open(Fixtures.file("images-bomb.h5"), "x", "y")) {
        Batch first = batches.read(0, 4); // the valid chunk
        System.out.println("first slice " + first.x().rows() + "x" + first.x().cols());
        batches.read(4, 8);
      }
    });
    attempt(() -> ModelFile.load(Fixtures.file("model-bomb.h5")));
    attempt(() -> ModelFile.load(HostileHdf5Test.wideModel(Path.of(args[0]))));
  }

  private static void attempt(Runnable read) {
    try {
      read.run();
      System.out.println("loaded");
    } catch (FileFormatException e) {
      System.out.println("refused: " + e.getMessage());
    }
  }
}
