package io.jdnn.examples.faults;

import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.data.model.ModelFile;
import io.jdnn.layers.Networks;
import java.nio.file.Path;

/**
 * The child JVM of {@link KillDuringSaveTest}: saves the same model over and over to one file, every
 * weight of version v equal to v, printing {@code saving v} before and {@code saved v} after each
 * save, until it is killed.
 */
public final class SaveLoop {
  private SaveLoop() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    // About 10 MB of weights: a save takes long enough that a kill usually lands inside one.
    Sequential model = Networks.reluSigmoid(4096, 300, 1);
    for (int version = 1; ; version++) {
      for (Parameter p : model.parameters()) {
        p.value().fill(version);
      }
      System.out.println("saving " + version);
      ModelFile.save(model, file);
      System.out.println("saved " + version);
    }
  }
}
