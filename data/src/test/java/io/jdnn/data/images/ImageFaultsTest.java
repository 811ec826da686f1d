package io.jdnn.data.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.jdnn.core.math.Matrix;
import io.jdnn.data.io.DataFormatException;
import io.jdnn.data.io.FaultCases;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged pictures for {@link ImageLoader}: PNG, JPEG, BMP and GIF files truncated at many offsets
 * and with random bits flipped, bytes that are no image, a zero-length file, a 1x1 picture, and
 * headers declaring huge dimensions (a decompression bomb). Each ends in a
 * {@link DataFormatException} naming the file, or in a picture that is provably right: a truncated
 * file may only load when nothing of the picture was lost.
 */
class ImageFaultsTest {
  private static final String[] FORMATS = {"png", "jpg", "bmp", "gif"};
  private static final int SIDE = 16;

  @TempDir
  static Path tmp;

  private static BufferedImage picture() {
    BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
    SplittableRandom rng = new SplittableRandom(5);
    for (int y = 0; y < SIDE; y++) {
      for (int x = 0; x < SIDE; x++) {
        image.setRGB(x, y, rng.nextInt(1 << 24));
      }
    }
    return image;
  }

  private static byte[] encode(BufferedImage image, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(ImageIO.write(image, format, out)).as(format + " writer").isTrue();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Matrix load(Path file) {
    return ImageLoader.load(file, SIDE, SIDE);
  }

  @TestFactory
  Stream<DynamicTest> truncatedPictures() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String format : FORMATS) {
      byte[] whole = encode(picture(), format);
      Path original = FaultCases.write(tmp, "whole." + format, whole);
      Matrix expected = load(original);
      for (int n = 0; n < whole.length; n += Math.max(1, whole.length / 60)) {
        int length = n;
        String name = format + " cut to " + length + " of " + whole.length + " bytes";
        tests.add(dynamicTest(name, () -> {
          Path file = FaultCases.write(tmp, "cut-" + length + "." + format, Arrays.copyOf(whole, length));
          Matrix loaded = FaultCases.run(name, file, DataFormatException.class, () -> load(file));
          if (loaded != null) {
            // Only the trailer was cut (a PNG's IEND, say): every pixel must still be there.
            assertThat(loaded).as(name).isEqualTo(expected);
          }
        }));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> picturesWithFlippedBits() {
    List<DynamicTest> tests = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(66);
    for (String format : FORMATS) {
      byte[] whole = encode(picture(), format);
      for (int c = 0; c < 40; c++) {
        int position = rng.nextInt(whole.length);
        int mask = 1 << rng.nextInt(8);
        String name = format + " with a bit flipped at byte " + position;
        int id = c;
        tests.add(dynamicTest(name, () -> {
          byte[] damaged = whole.clone();
          damaged[position] ^= (byte) mask;
          Path file = FaultCases.write(tmp, "flip-" + id + "." + format, damaged);
          Matrix loaded = FaultCases.run(name, file, DataFormatException.class, () -> load(file));
          if (loaded != null) {
            // A flipped pixel cannot be seen; the shape and range must still be right.
            assertThat(loaded.rows()).isEqualTo(SIDE * SIDE * 3);
            assertThat(loaded.cols()).isEqualTo(1);
            for (double v : loaded.data()) {
              assertThat(v).isBetween(0.0, 1.0);
            }
          }
        }));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> bytesThatAreNoPicture() {
    List<DynamicTest> tests = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(67);
    for (int c = 0; c < 30; c++) {
      byte[] bytes = new byte[rng.nextInt(0, 4096)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) rng.nextInt(256);
      }
      String name = bytes.length + " random bytes";
      int id = c;
      tests.add(dynamicTest(name, () -> {
        Path file = FaultCases.write(tmp, "noise-" + id + ".jpg", bytes);
        assertThat((Object) FaultCases.run(name, file, DataFormatException.class, () -> load(file))).as(name).isNull();
      }));
    }
    Path text = FaultCases.write(tmp, "text.png", "this is a text file, not a picture".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    tests.add(dynamicTest("text named .png", () ->
        assertThat((Object) FaultCases.run("text", text, DataFormatException.class, () -> load(text))).isNull()));
    Path empty = FaultCases.write(tmp, "empty.png", new byte[0]);
    tests.add(dynamicTest("zero-length file", () ->
        assertThat((Object) FaultCases.run("empty", empty, DataFormatException.class, () -> load(empty))).isNull()));
    return tests.stream();
  }

  @Test
  void aOneByOnePictureLoadsAsOneColourEverywhere() {
    BufferedImage dot = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    dot.setRGB(0, 0, 0x336699);
    for (String format : new String[] {"png", "bmp"}) {
      Matrix x = load(FaultCases.write(tmp, "dot." + format, encode(dot, format)));
      assertThat(x.rows()).isEqualTo(SIDE * SIDE * 3);
      for (int p = 0; p < SIDE * SIDE; p++) {
        assertThat(x.get(3 * p, 0)).isEqualTo(0x33 / 255.0);
        assertThat(x.get(3 * p + 1, 0)).isEqualTo(0x66 / 255.0);
        assertThat(x.get(3 * p + 2, 0)).isEqualTo(0x99 / 255.0);
      }
    }
  }

  /** A 1x1 PNG whose header claims {@code width x height}, with a valid header checksum. */
  private static byte[] pngClaiming(int width, int height) {
    byte[] png = encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png");
    ByteBuffer b = ByteBuffer.wrap(png);
    // signature (8), IHDR length (4), "IHDR" (4), width (4), height (4), 5 more bytes, CRC (4)
    b.putInt(16, width).putInt(20, height);
    CRC32 crc = new CRC32();
    crc.update(png, 12, 17);
    b.putInt(29, (int) crc.getValue());
    return png;
  }

  /** A 1x1 BMP whose header claims {@code width x height}. */
  private static byte[] bmpClaiming(int width, int height) {
    byte[] bmp = encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "bmp");
    ByteBuffer.wrap(bmp).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(18, width).putInt(22, height);
    return bmp;
  }

  @TestFactory
  Stream<DynamicTest> hugeDeclaredDimensionsAreRefusedBeforeDecoding() {
    List<DynamicTest> tests = new ArrayList<>();
    int[][] sizes = {{100_000, 100_000}, {65_535, 65_535}, {1 << 30, 2}, {20_000, 20_000}, {Integer.MAX_VALUE, 1}};
    for (int[] s : sizes) {
      for (String format : new String[] {"png", "bmp"}) {
        String name = format + " claiming " + s[0] + "x" + s[1];
        tests.add(dynamicTest(name, () -> {
          Path file = FaultCases.write(tmp, "bomb-" + s[0] + "x" + s[1] + "." + format,
              format.equals("png") ? pngClaiming(s[0], s[1]) : bmpClaiming(s[0], s[1]));
          assertThat((Object) FaultCases.run(name, file, DataFormatException.class, () -> load(file))).isNull();
        }));
      }
    }
    return tests.stream();
  }

  @Test
  void theBombGuardNamesTheDeclaredSize() {
    Path file = FaultCases.write(tmp, "bomb.png", pngClaiming(100_000, 100_000));
    assertThatThrownBy(() -> load(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("100000x100000")
        .hasMessageContaining("before decoding");
  }
}
