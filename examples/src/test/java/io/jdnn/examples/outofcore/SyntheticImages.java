package io.jdnn.examples.outofcore;

import io.jdnn.data.images.ImageSetWriter;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A learnable synthetic image set: uniform noise, plus a brighter top half for label 1 or a
 * brighter bottom half for label 0. Each half's mean differs by 48 levels between the classes while
 * the noise of a half's mean is about 1 level, so a small network can reach near-perfect accuracy,
 * yet only by looking at thousands of pixels at once.
 */
final class SyntheticImages {
  static final int SIDE = 64;
  static final int CHANNELS = 3;
  static final String X = "x";
  static final String Y = "y";
  private static final int NOISE = 200;
  private static final int LIFT = 48;

  private SyntheticImages() {}

  /** Writes {@code count} examples to {@code file}, the same bytes for the same seed. */
  static void write(Path file, int count, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    byte[] pixels = new byte[SIDE * SIDE * CHANNELS];
    int half = pixels.length / 2;
    try (ImageSetWriter w = ImageSetWriter.create(file, X, Y, count, SIDE, SIDE, CHANNELS)) {
      for (int j = 0; j < count; j++) {
        int label = rng.nextInt(2);
        for (int i = 0; i < pixels.length; i++) {
          boolean lifted = (i < half) == (label == 1);
          pixels[i] = (byte) (rng.nextInt(NOISE) + (lifted ? LIFT : 0));
        }
        w.append(pixels, label);
      }
    }
  }
}
