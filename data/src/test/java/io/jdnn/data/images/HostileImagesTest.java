package io.jdnn.data.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.data.io.ChildJvm;
import io.jdnn.data.io.DataFormatException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pictures whose headers or samples cannot be taken on trust: a 146-byte TIFF declaring one tile
 * of 46,336 x 46,336 pixels (which ImageIO allocates: an OutOfMemoryError), 32-bit and
 * floating-point gray TIFFs (which decoded to NaN and 255 before), CMYK JPEGs (whose colours
 * ImageIO got wrong by about 40 levels), and pictures that fit G1's heap but not the serial
 * collector's old generation. Fixtures from Pillow: {@code make_fixtures.py} beside them.
 */
class HostileImagesTest {
  @TempDir
  Path tmp;

  private static Path fixture(String name) {
    try {
      return Path.of(HostileImagesTest.class.getResource("/io/jdnn/data/images/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A little-endian TIFF: one 8-bit gray, deflate-compressed tile of {@code tile x tile} for a 16x16 picture. */
  static byte[] tileBomb(int tile) throws IOException {
    ByteArrayOutputStream deflated = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(deflated)) {
      out.write(new byte[64]);
    }
    byte[] data = deflated.toByteArray();
    int[][] entries = {{256, 3, 16}, {257, 3, 16}, {258, 3, 8}, {259, 3, 8}, {262, 3, 1}, {277, 3, 1},
        {322, 3, tile}, {323, 3, tile}, {324, 4, 0}, {325, 4, data.length}};
    int dataOffset = 8 + 2 + entries.length * 12 + 4;
    ByteBuffer b = ByteBuffer.allocate(dataOffset + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {'I', 'I', 42, 0}).putInt(8).putShort((short) entries.length);
    for (int[] e : entries) {
      b.putShort((short) e[0]).putShort((short) e[1]).putInt(1);
      int value = e[0] == 324 ? dataOffset : e[2];
      if (e[1] == 3) {
        b.putShort((short) value).putShort((short) 0);
      } else {
        b.putInt(value);
      }
    }
    b.putInt(0).put(data);
    return b.array();
  }

  @Test
  void aTileLargerThanItsPictureIsRefusedFromTheHeader() throws IOException {
    Path bomb = Files.write(tmp.resolve("bomb.tif"), tileBomb(46336));
    assertThat(Files.size(bomb)).isLessThan(200);
    assertThatThrownBy(() -> ImageLoader.load(bomb, 64, 64))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(bomb + ": the image header declares tiles of 46336x46336 pixels for a 16x16 picture, expected"
            + " tiles of at least 1x1 and at most the picture's size rounded up to 16; refused before decoding (a"
            + " damaged header or a decompression bomb)");
    // The same layout with a sane tile decodes: the check refuses the size, not the kind of file.
    Path fine = Files.write(tmp.resolve("fine.tif"), tileBomb(16));
    assertThat(ImageLoader.load(fine, 16, 16).data()).containsOnly(0.0);
  }

  @Test
  void thirtyTwoBitAndFloatGraySamplesAreRefusedNotTurnedIntoNaN() {
    assertThatThrownBy(() -> ImageLoader.load(fixture("gray32.tif"), 16, 16))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(fixture("gray32.tif") + ": the image has 32-bit samples, which have no agreed white level;"
            + " expected 8- or 16-bit samples (convert it to 8-bit)");
    assertThatThrownBy(() -> ImageLoader.load(fixture("grayfloat.tif"), 16, 16))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(fixture("grayfloat.tif") + ": the image has floating-point samples, which have no fixed white"
            + " level; expected 8- or 16-bit samples (convert it to 8-bit)");
  }

  @Test
  void sixteenBitGrayTiffsKeepTheirLevels() {
    double[] x = ImageLoader.load(fixture("gray16.tif"), 16, 16).data();
    for (int k = 0; k < 256; k++) {
      for (int c = 0; c < 3; c++) {
        assertThat(x[k * 3 + c] * 255).as("pixel %d", k).isCloseTo(k, org.assertj.core.data.Offset.offset(1e-9));
      }
    }
  }

  @Test
  void cmykJpegsGetPillowsColours() throws IOException {
    double[] ours = ImageLoader.load(fixture("cmyk.jpg"), 48, 48).data();
    BufferedImage pillow = ImageIO.read(fixture("cmyk-pillow-rgb.png").toFile());
    double sum = 0;
    double max = 0;
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 48; x++) {
        int rgb = pillow.getRGB(x, y);
        int[] expected = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
        for (int c = 0; c < 3; c++) {
          double d = Math.abs(ours[(y * 48 + x) * 3 + c] * 255 - expected[c]);
          sum += d;
          max = Math.max(max, d);
        }
      }
    }
    // Two JPEG decoders (libjpeg, ImageIO) differ by a level or two; ImageIO's own conversion was off by ~40.
    assertThat(sum / (48 * 48 * 3)).as("mean difference from Pillow, levels").isLessThan(2.0);
    assertThat(max).as("largest difference from Pillow, levels").isLessThanOrEqualTo(8);
  }

  @Test
  void underTheSerialCollectorAPictureTooLargeForTheOldGenerationIsRefusedAndTheNextOneStillLoads()
      throws IOException {
    // 2,900 x 2,900 (8.4 megapixels, 227 MB while loading) fits the 247 MB -Xmx256m reports, but
    // not the 170 MB old generation the serial collector has there; 1,000 x 1,000 fits.
    Path large = png(2900, 2900, "large.png");
    Path bomb = Files.write(tmp.resolve("bomb.tif"), tileBomb(46336));
    Path small = png(1000, 1000, "small.png");
    ChildJvm.Result r = ChildJvm.run(List.of("-XX:+UseSerialGC", "-Xmx256m"), ImageProbe.class, large.toString(),
        bomb.toString(), small.toString()).requireExit(0);
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("refused: " + large + ": the image header declares 2900x2900 pixels (8"
        + " megapixels); decoding it needs ").contains("MiB usable");
    assertThat(lines.get(1)).startsWith("refused: " + bomb + ": the image header declares tiles of 46336x46336");
    assertThat(lines.get(2)).isEqualTo("loaded 12288");
  }

  private Path png(int width, int height, String name) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Path file = tmp.resolve(name);
    ImageIO.write(image, "png", file.toFile());
    return file;
  }
}
