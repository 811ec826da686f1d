package io.jdnn.data.images;

import io.jdnn.core.math.Matrix;
import io.jdnn.data.io.DataFormatException;
import java.nio.file.Path;

/**
 * The child JVM of {@link HostileImagesTest}: loads each picture given, one after another as
 * {@code predict} does, and prints {@code loaded <values>} or {@code refused: <message>} for each.
 * Anything else (an OutOfMemoryError above all) ends it with a non-zero exit code.
 */
public final class ImageProbe {
  private ImageProbe() {}

  public static void main(String[] args) {
    for (String file : args) {
      try {
        Matrix x = ImageLoader.load(Path.of(file), 64, 64);
        System.out.println("loaded " + x.rows());
      } catch (DataFormatException e) {
        System.out.println("refused: " + e.getMessage());
      }
    }
  }
}
