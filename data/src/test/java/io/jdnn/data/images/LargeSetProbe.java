package io.jdnn.data.images;

import io.jdnn.data.io.DataFormatException;
import java.nio.file.Path;

/**
 * The child JVM of {@link SerialCollectorHeapTest}: writes {@code args[1]} valid 64x64x3 images to
 * {@code args[0]} and reads them whole with {@link LabeledImages}, printing {@code loaded N} or
 * {@code refused: <message>}. An OutOfMemoryError ends it with a non-zero exit code.
 */
public final class LargeSetProbe {
  private LargeSetProbe() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    try (ImageSetWriter writer = ImageSetWriter.create(file, "x", "y", count, 64, 64, 3)) {
      byte[] pixels = new byte[64 * 64 * 3];
      for (int j = 0; j < count; j++) {
        pixels[j % pixels.length] = (byte) j;
        writer.append(pixels, j % 2);
      }
    }
    try {
      LabeledImages images = LabeledImages.read(file, "x", "y");
      System.out.println("loaded " + images.count());
    } catch (DataFormatException e) {
      System.out.println("refused: " + e.getMessage());
    }
  }
}
