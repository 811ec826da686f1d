package io.jdnn.data.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jdnn.core.math.Matrix;
import io.jdnn.data.TestFiles;
import io.jdnn.data.io.DataFormatException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLoaderTest {
  private static final int SIDE = 64;
  private static final int FEATURES = SIDE * SIDE * 3;

  @TempDir
  Path dir;

  private static BufferedImage filled(int width, int height, int type, Color color) {
    BufferedImage image = new BufferedImage(width, height, type);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  private Path write(BufferedImage image, String format, String name) throws IOException {
    Path file = dir.resolve(name);
    assertThat(ImageIO.write(image, format, file.toFile())).as("ImageIO wrote %s", format).isTrue();
    return file;
  }

  private static void assertEveryPixel(Matrix x, double r, double g, double b) {
    assertThat(x.rows()).isEqualTo(FEATURES);
    assertThat(x.cols()).isEqualTo(1);
    for (int p = 0; p < SIDE * SIDE; p++) {
      assertThat(x.get(3 * p, 0)).as("red of pixel %d", p).isEqualTo(r);
      assertThat(x.get(3 * p + 1, 0)).as("green of pixel %d", p).isEqualTo(g);
      assertThat(x.get(3 * p + 2, 0)).as("blue of pixel %d", p).isEqualTo(b);
    }
  }

  @Test
  void uniformPngOfAnOddSizeStaysExactlyUniform() throws IOException {
    Path file = write(filled(97, 41, BufferedImage.TYPE_INT_RGB, new Color(200, 100, 50)), "png", "odd.png");
    assertEveryPixel(ImageLoader.load(file, SIDE, SIDE), 200 / 255.0, 100 / 255.0, 50 / 255.0);
  }

  @Test
  void pixelsAreFlattenedRowThenColumnThenChannel() throws IOException {
    BufferedImage image = filled(SIDE, SIDE, BufferedImage.TYPE_INT_RGB, Color.WHITE);
    image.setRGB(5, 2, new Color(10, 20, 30).getRGB()); // x = column 5, y = row 2
    Matrix x = ImageLoader.load(write(image, "png", "dot.png"), SIDE, SIDE);
    int at = (2 * SIDE + 5) * 3;
    assertThat(new double[] {x.get(at, 0), x.get(at + 1, 0), x.get(at + 2, 0)})
        .containsExactly(10 / 255.0, 20 / 255.0, 30 / 255.0);
    double sum = Arrays.stream(x.data()).sum();
    assertThat(sum).isCloseTo(FEATURES - 3 + (10 + 20 + 30) / 255.0, within(1e-9));
  }

  /** A course image written as a PNG loads as exactly the column the course's data gives. */
  @Test
  void aCourseImageAsPngLoadsExactlyAsTheDataset() throws IOException {
    LabeledImages train = LabeledImages.read(TestFiles.catvnoncat().resolve("train_catvnoncat.h5"),
        "train_set_x", "train_set_y");
    int example = 7;
    BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
    for (int row = 0; row < SIDE; row++) {
      for (int col = 0; col < SIDE; col++) {
        int f = (row * SIDE + col) * 3;
        int r = (int) Math.round(train.x().get(f, example) * 255);
        int g = (int) Math.round(train.x().get(f + 1, example) * 255);
        int b = (int) Math.round(train.x().get(f + 2, example) * 255);
        image.setRGB(col, row, (r << 16) | (g << 8) | b);
      }
    }
    Matrix loaded = ImageLoader.load(write(image, "png", "course.png"), SIDE, SIDE);
    assertThat(loaded).isEqualTo(train.x().columns(example, example + 1));
  }

  @Test
  void grayscaleLevelsAreCopiedToRgbAsStored() throws IOException {
    Path file = write(filled(33, 70, BufferedImage.TYPE_BYTE_GRAY, new Color(100, 100, 100)), "png", "gray.png");
    // Through Java's linear gray colour space, 100 would come back as about 168.
    assertEveryPixel(ImageLoader.load(file, SIDE, SIDE), 100 / 255.0, 100 / 255.0, 100 / 255.0);
  }

  @Test
  void sixteenBitGrayIsScaledToEightBits() throws IOException {
    BufferedImage image = new BufferedImage(20, 20, BufferedImage.TYPE_USHORT_GRAY);
    for (int y = 0; y < 20; y++) {
      for (int x = 0; x < 20; x++) {
        image.getRaster().setSample(x, y, 0, 200 * 257);
      }
    }
    Path file = write(image, "png", "gray16.png");
    assertEveryPixel(ImageLoader.load(file, SIDE, SIDE), 200 / 255.0, 200 / 255.0, 200 / 255.0);
  }

  @Test
  void transparencyIsCompositedOverWhite() throws IOException {
    Path clear = write(filled(50, 50, BufferedImage.TYPE_INT_ARGB, new Color(0, 0, 0, 0)), "png", "clear.png");
    assertEveryPixel(ImageLoader.load(clear, SIDE, SIDE), 1.0, 1.0, 1.0);

    Path half = write(filled(45, 45, BufferedImage.TYPE_INT_ARGB, new Color(255, 0, 0, 128)), "png", "half.png");
    double over = Math.floor(255 * (1 - 128 / 255.0) + 0.5) / 255.0; // 127/255
    assertEveryPixel(ImageLoader.load(half, SIDE, SIDE), 1.0, over, over);
  }

  @Test
  void paletteGifAndBmpSplitExactlyWhenTheScaleIsWhole() throws IOException {
    for (String format : new String[] {"gif", "bmp"}) {
      int type = format.equals("gif") ? BufferedImage.TYPE_BYTE_INDEXED : BufferedImage.TYPE_3BYTE_BGR;
      BufferedImage image = filled(128, 90, type, Color.BLUE);
      Graphics2D g = image.createGraphics();
      g.setColor(Color.RED);
      g.fillRect(0, 0, 64, 90);
      g.dispose();
      Matrix x = ImageLoader.load(write(image, format, "halves." + format), SIDE, SIDE);
      for (int row = 0; row < SIDE; row++) {
        for (int col = 0; col < SIDE; col++) {
          int f = (row * SIDE + col) * 3;
          double[] expected = col < 32 ? new double[] {1, 0, 0} : new double[] {0, 0, 1};
          assertThat(new double[] {x.get(f, 0), x.get(f + 1, 0), x.get(f + 2, 0)})
              .as("%s pixel row %d column %d", format, row, col)
              .containsExactly(expected);
        }
      }
    }
  }

  @Test
  void downscalingAveragesTheCoveredArea() throws IOException {
    BufferedImage checker = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 128; y++) {
      for (int x = 0; x < 128; x++) {
        checker.setRGB(x, y, (x + y) % 2 == 0 ? 0xffffff : 0x000000);
      }
    }
    double mean = Math.floor(127.5 + 0.5) / 255.0; // each output pixel covers two white and two black
    assertEveryPixel(ImageLoader.load(write(checker, "png", "checker.png"), SIDE, SIDE), mean, mean, mean);
  }

  @Test
  void jpegIsCloseToItsColourAndTheSameEveryTime() throws IOException {
    Path file = write(filled(120, 81, BufferedImage.TYPE_INT_RGB, new Color(200, 100, 50)), "jpg", "photo.jpg");
    Matrix first = ImageLoader.load(file, SIDE, SIDE);
    for (int p = 0; p < SIDE * SIDE; p++) {
      assertThat(first.get(3 * p, 0)).isCloseTo(200 / 255.0, within(4 / 255.0));
      assertThat(first.get(3 * p + 1, 0)).isCloseTo(100 / 255.0, within(4 / 255.0));
      assertThat(first.get(3 * p + 2, 0)).isCloseTo(50 / 255.0, within(4 / 255.0));
    }
    assertThat(ImageLoader.load(file, SIDE, SIDE)).isEqualTo(first);
  }

  @Test
  void loadAllPutsOneImagePerColumnInOrder() throws IOException {
    Path red = write(filled(10, 10, BufferedImage.TYPE_INT_RGB, Color.RED), "png", "red.png");
    Path gray = write(filled(7, 9, BufferedImage.TYPE_BYTE_GRAY, Color.GRAY), "png", "gray.png");
    Matrix x = ImageLoader.loadAll(List.of(red, gray), SIDE, SIDE);
    assertThat(x.rows()).isEqualTo(FEATURES);
    assertThat(x.cols()).isEqualTo(2);
    assertThat(x.columns(0, 1)).isEqualTo(ImageLoader.load(red, SIDE, SIDE));
    assertThat(x.columns(1, 2)).isEqualTo(ImageLoader.load(gray, SIDE, SIDE));
  }

  @Test
  void missingFile() {
    Path file = dir.resolve("nope.png");
    assertThatThrownBy(() -> ImageLoader.load(file, SIDE, SIDE))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(file + ": no such image file");
  }

  @Test
  void fileThatIsNotAnImage() throws IOException {
    Path file = dir.resolve("notes.png");
    Files.writeString(file, "just text\n");
    assertThatThrownBy(() -> ImageLoader.load(file, SIDE, SIDE))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(file + ": not an image ImageIO can read; expected JPEG, PNG, BMP, GIF or TIFF");
  }

  @Test
  void truncatedImage() throws IOException {
    // Noise, so that PNG cannot compress it into a few bytes and half the file misses real data.
    java.util.Random random = new java.util.Random(42);
    BufferedImage noise = new BufferedImage(80, 80, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 80; y++) {
      for (int x = 0; x < 80; x++) {
        noise.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    Path whole = write(noise, "png", "whole.png");
    byte[] bytes = Files.readAllBytes(whole);
    Path file = dir.resolve("cut.png");
    Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> ImageLoader.load(file, SIDE, SIDE))
        .isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith(file + ": cannot decode the image");
  }
}
