package io.jdnn.data.idx;

import io.jdnn.core.math.Matrix;
import java.nio.file.Path;

/**
 * The images of one IDX file: {@code count} images of {@code rows x columns} unsigned bytes, laid
 * out as a {@code features x count} matrix wants them (feature {@code f = row * columns + column}
 * of image {@code j} at {@code pixels[f * count + j]}), so {@link #x} wraps them without a copy.
 *
 * <pre>{@code
 * IdxImages images = IdxFile.readImages(Path.of("t10k-images-idx3-ubyte.gz"));
 * Matrix x = images.x(); // 784 x 10000, pixels / 255, kept as bytes for the kernel
 * }</pre>
 */
public record IdxImages(Path file, int count, int rows, int columns, byte[] pixels) {

  /** Pixels per image, {@code rows * columns}. */
  public int features() {
    return rows * columns;
  }

  /**
   * The images as a {@code features x count} matrix of {@code pixel / 255}, byte-backed
   * ({@link Matrix#ofUnsignedBytes}): the kernel reads the bytes, a training step the doubles.
   */
  public Matrix x() {
    return Matrix.ofUnsignedBytes(features(), count, pixels, 255.0);
  }
}
