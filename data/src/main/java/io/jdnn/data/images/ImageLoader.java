package io.jdnn.data.images;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.memory.Heap;
import io.jdnn.data.hdf5.Hdf5File;
import io.jdnn.data.io.DataFormatException;
import io.jdnn.data.io.InputFiles;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * Your own pictures as the course's inputs: any image ImageIO decodes (JPEG, PNG, BMP, GIF, TIFF;
 * colour, grayscale, palette, CMYK, with or without alpha; any size up to the heap) becomes {@code width x height} RGB,
 * flattened as the course's data is, {@code x.reshape(m, -1).T / 255}: row, then column, then
 * channel, values in [0, 1]. An image is the column {@code (row * width + column) * 3 + channel}.
 *
 * <p><b>Colour.</b> Grayscale samples are copied to R, G and B as stored (not through Java's
 * linear-gray colour space, which would brighten them); 16-bit samples are scaled to 8 bits;
 * 32-bit and floating-point samples, which have no agreed white level, are refused. CMYK (JPEGs
 * from print workflows) is converted as Pillow converts it, {@code R = 255 (1 - C)(1 - K)}.
 * Transparent pixels are composited over white, as a viewer shows them.
 *
 * <p><b>Guards.</b> The header's width, height and (TIFF) tile size are read before decoding and
 * checked against {@link #MAX_PIXELS} and the heap that is really usable; see
 * {@link #decode(Path)}.
 *
 * <p><b>Scaling.</b> A box filter (area average, as Pillow's {@code Image.BOX}): each output pixel
 * is the mean of the source area it covers, partly covered source pixels weighted by their share.
 * It is plain arithmetic, so the result is the same on every JVM, and a uniform picture stays
 * exactly uniform. Each value is then rounded to a whole 8-bit level, as the 8-bit image the course
 * resizes with Pillow holds it, so a picture already of the target size loads unchanged. The
 * aspect ratio is not kept; the course's own images are square.
 *
 * <pre>{@code
 * Matrix x = ImageLoader.load(Path.of("my_cat.jpg"), 64, 64);   // 12288 x 1
 * Matrix batch = ImageLoader.loadAll(List.of(a, b), 64, 64);    // 12288 x 2
 * }</pre>
 */
public final class ImageLoader {
  /** The channels of every loaded image: red, green, blue. */
  public static final int CHANNELS = 3;

  /** The largest picture decoded, in pixels (a 10,000 x 10,000 photograph). */
  public static final long MAX_PIXELS = 100_000_000L;
  /** Heap per pixel while loading, beyond the decoded image itself: the RGB doubles. */
  private static final long BYTES_PER_PIXEL = 24;

  private ImageLoader() {}

  /**
   * {@code file} scaled to {@code width x height}, as a {@code (height * width * 3) x 1} column.
   *
   * @throws DataFormatException when the file is missing or not an image ImageIO can decode
   */
  public static Matrix load(Path file, int width, int height) {
    double[] pixels = rgb(decode(file), width, height);
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] /= 255.0;
      // Never a non-finite input to a model: a decoder's surprise stops here, naming the pixel.
      if (!(pixels[i] >= 0 && pixels[i] <= 1)) {
        throw new DataFormatException(file, "decoded to " + pixels[i] * 255 + " at row " + i / CHANNELS / width
            + ", column " + i / CHANNELS % width + ", channel " + i % CHANNELS + " of the " + width + "x" + height
            + " picture, expected 0 to 255");
      }
    }
    return Matrix.of(pixels.length, 1, pixels);
  }

  /**
   * {@code file} scaled to {@code width x height} in grey, as a {@code (height * width) x 1} column,
   * row by row, values in [0, 1]: each pixel of the scaled RGB (as {@link #load} makes it) becomes
   * the whole 8-bit level nearest its luma {@code 0.299 R + 0.587 G + 0.114 B} (as Pillow's
   * {@code convert("L")}), divided by 255. For MNIST-like digits: {@code loadGray(file, 28, 28)}.
   *
   * @throws DataFormatException when the file is missing or not an image ImageIO can decode
   */
  public static Matrix loadGray(Path file, int width, int height) {
    double[] rgb = rgb(decode(file), width, height);
    double[] gray = new double[width * height];
    for (int p = 0; p < gray.length; p++) {
      double luma = 0.299 * rgb[3 * p] + 0.587 * rgb[3 * p + 1] + 0.114 * rgb[3 * p + 2];
      gray[p] = Math.min(255.0, Math.floor(luma + 0.5)) / 255.0;
    }
    return Matrix.of(gray.length, 1, gray);
  }

  /** Each file as by {@link #load}, one column per file, in order: {@code (height * width * 3) x files}. */
  public static Matrix loadAll(List<Path> files, int width, int height) {
    int features = width * height * CHANNELS;
    Matrix x = Matrix.zeros(features, files.size());
    for (int j = 0; j < files.size(); j++) {
      double[] column = load(files.get(j), width, height).data();
      for (int f = 0; f < features; f++) {
        x.data()[f * files.size() + j] = column[f];
      }
    }
    return x;
  }

  /**
   * Reads {@code file} with ImageIO.
   *
   * @throws DataFormatException when the file is missing, unreadable, or not a decodable image
   */
  public static BufferedImage decode(Path file) {
    String problem = InputFiles.problem(file, "image file");
    if (problem != null) {
      throw new DataFormatException(file, problem);
    }
    BufferedImage image;
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new DataFormatException(file, "not an image ImageIO can read; expected JPEG, PNG, BMP, GIF or TIFF");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        checkDeclaredSize(file, reader);
        // ImageIO reports a truncated or corrupt JPEG only as a warning and returns the picture
        // filled with gray; a warning is damage, so it is an error here.
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        image = decode(file, reader);
        if (!warnings.isEmpty()) {
          throw new DataFormatException(file, "the image is damaged (" + String.join("; ", warnings) + ")");
        }
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new DataFormatException(file, "cannot decode the image; it is damaged or of an unsupported kind ("
          + Hdf5File.describe(e) + ")", e);
    }
    if (image.getWidth() < 1 || image.getHeight() < 1) {
      throw new DataFormatException(file, "the image is " + image.getWidth() + "x" + image.getHeight()
          + " pixels, expected at least 1x1");
    }
    checkSamples(file, image);
    return image;
  }

  /**
   * The decoder itself, after {@link #checkDeclaredSize} bounded what it may allocate. ImageIO's
   * plugins signal damaged data that passed the header (a flipped Huffman table, a stride that does
   * not fit the declared layout) with IIOException and also with assorted runtime exceptions
   * (IllegalArgumentException, IndexOutOfBoundsException, ...): only those, from this one call, are
   * reported as a damaged image. An Error is not caught.
   */
  private static BufferedImage decode(Path file, ImageReader reader) throws IOException {
    try {
      return reader.read(0);
    } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException | ArithmeticException
        | NegativeArraySizeException | ClassCastException | UnsupportedOperationException e) {
      throw new DataFormatException(file, "cannot decode the image; the " + reader.getFormatName() + " decoder"
          + " failed on its data (" + Hdf5File.describe(e) + "): it is damaged or of an unsupported kind", e);
    }
  }

  /**
   * The guard against decompression bombs and damaged headers: a few hundred bytes can declare a
   * picture of 100,000 x 100,000 pixels, or (TIFF) one tile of 46,336 x 46,336 for a 16 x 16
   * picture, which ImageIO would allocate before finding the data missing, and which {@link #rgb}
   * would then copy as doubles. The header's sizes are read first, without decoding: a tile larger
   * than its image needs (rounded up to TIFF's multiple of 16) is refused, and the picture and a
   * tile are refused above {@link #MAX_PIXELS} or above what the usable heap ({@link Heap}, which
   * holds under every collector) can take: the decoded image at its own sample size, a tile
   * buffer, and the 24 bytes a pixel of doubles that {@link #rgb} makes.
   */
  private static void checkDeclaredSize(Path file, ImageReader reader) throws IOException {
    int width = reader.getWidth(0);
    int height = reader.getHeight(0);
    if (width < 1 || height < 1) {
      throw new DataFormatException(file, "the image header declares " + width + "x" + height
          + " pixels, expected at least 1x1");
    }
    long pixels = (long) width * height;
    if (pixels > MAX_PIXELS) {
      throw new DataFormatException(file, "the image header declares " + width + "x" + height + " pixels ("
          + pixels / 1_000_000 + " megapixels), more than the " + MAX_PIXELS / 1_000_000 + " megapixels jdnn decodes;"
          + " refused before decoding (a damaged header or a decompression bomb)");
    }
    long tilePixels = 0;
    if (reader.isImageTiled(0)) {
      int tileWidth = reader.getTileWidth(0);
      int tileHeight = reader.getTileHeight(0);
      if (tileWidth < 1 || tileHeight < 1 || tileWidth > roundUp16(width) || tileHeight > roundUp16(height)) {
        throw new DataFormatException(file, "the image header declares tiles of " + tileWidth + "x" + tileHeight
            + " pixels for a " + width + "x" + height + " picture, expected tiles of at least 1x1 and at most the"
            + " picture's size rounded up to 16; refused before decoding (a damaged header or a decompression bomb)");
      }
      tilePixels = (long) tileWidth * tileHeight;
    }
    ImageTypeSpecifier type = reader.getRawImageType(0);
    long decodedBytes = 4;
    if (type != null) {
      int bits = 0;
      for (int size : type.getSampleModel().getSampleSize()) {
        bits += size;
      }
      decodedBytes = Math.max(decodedBytes, (bits + 7) / 8);
    }
    long needed = Heap.sum(Heap.bytes(pixels, Heap.sum(decodedBytes, BYTES_PER_PIXEL)),
        Heap.bytes(tilePixels, decodedBytes));
    String refusal = Heap.refusal(needed);
    if (refusal != null) {
      throw new DataFormatException(file, "the image header declares " + width + "x" + height + " pixels ("
          + pixels / 1_000_000 + " megapixels" + (tilePixels > 0 ? ", tiles of " + reader.getTileWidth(0) + "x"
          + reader.getTileHeight(0) : "") + "); decoding it " + refusal + "; refused before decoding");
    }
  }

  private static long roundUp16(int n) {
    return ((long) n + 15) / 16 * 16;
  }

  /**
   * Samples jdnn cannot turn into display levels: 32-bit integer and floating-point samples
   * (TIFF), which have no agreed white level (Pillow clips a 32-bit gray image at 255, others scale
   * it by 2^32 - 1), and colour spaces other than gray, RGB and CMYK.
   */
  private static void checkSamples(Path file, BufferedImage image) {
    ColorModel model = image.getColorModel();
    int dataType = image.getRaster().getDataBuffer().getDataType();
    if (dataType == DataBuffer.TYPE_FLOAT || dataType == DataBuffer.TYPE_DOUBLE) {
      throw new DataFormatException(file, "the image has floating-point samples, which have no fixed white level;"
          + " expected 8- or 16-bit samples (convert it to 8-bit)");
    }
    for (int c = 0; c < model.getNumComponents(); c++) {
      if (model.getComponentSize(c) > 16) {
        throw new DataFormatException(file, "the image has " + model.getComponentSize(c) + "-bit samples, which have"
            + " no agreed white level; expected 8- or 16-bit samples (convert it to 8-bit)");
      }
    }
    int space = model.getColorSpace().getType();
    if (space == ColorSpace.TYPE_CMYK && model.getNumColorComponents() != 4) {
      throw new DataFormatException(file, "the image is CMYK with " + model.getNumColorComponents()
          + " colour components, expected 4");
    }
  }

  /**
   * The image as 8-bit RGB over white, scaled to {@code width x height}: whole values 0..255 (as an
   * 8-bit image holds them, so a 64x64 picture of the course's data loads exactly as the data),
   * flattened row, column, channel.
   */
  static double[] rgb(BufferedImage image, int width, int height) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("target size must be positive, got " + width + "x" + height);
    }
    int w = image.getWidth();
    int h = image.getHeight();
    double[] source = opaqueRgb(image);
    double[] out = new double[width * height * CHANNELS];
    double sx = (double) w / width;
    double sy = (double) h / height;
    for (int r = 0; r < height; r++) {
      double y0 = r * sy;
      double y1 = (r + 1) * sy;
      for (int c = 0; c < width; c++) {
        double x0 = c * sx;
        double x1 = (c + 1) * sx;
        double red = 0;
        double green = 0;
        double blue = 0;
        double area = 0;
        for (int y = (int) Math.floor(y0); y < Math.min(h, (int) Math.ceil(y1)); y++) {
          double wy = Math.min(y + 1, y1) - Math.max(y, y0);
          for (int x = (int) Math.floor(x0); x < Math.min(w, (int) Math.ceil(x1)); x++) {
            double weight = wy * (Math.min(x + 1, x1) - Math.max(x, x0));
            int s = (y * w + x) * CHANNELS;
            red += weight * source[s];
            green += weight * source[s + 1];
            blue += weight * source[s + 2];
            area += weight;
          }
        }
        int o = (r * width + c) * CHANNELS;
        out[o] = round8(red / area);
        out[o + 1] = round8(green / area);
        out[o + 2] = round8(blue / area);
      }
    }
    return out;
  }

  /** Rounds to a whole 8-bit level, as an 8-bit image resized by Pillow holds it. */
  private static double round8(double v) {
    return Math.min(255.0, Math.floor(v + 0.5));
  }

  /** Every pixel as R, G, B in 0..255, alpha composited over white. */
  private static double[] opaqueRgb(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    double[] rgb = new double[w * h * CHANNELS];
    ColorModel model = image.getColorModel();
    boolean gray = model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && model.getNumColorComponents() == 1;
    boolean cmyk = model.getColorSpace().getType() == ColorSpace.TYPE_CMYK;
    Raster raster = image.getRaster();
    // Sample sizes are at most 16 bits (checkSamples); the shift is done in long all the same.
    double grayMax = gray ? (1L << model.getComponentSize(0)) - 1 : 255;
    double alphaMax = model.hasAlpha() ? (1L << model.getComponentSize(model.getNumComponents() - 1)) - 1 : 1;
    double cmykMax = cmyk ? (1L << model.getComponentSize(0)) - 1 : 1;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double r;
        double g;
        double b;
        double alpha;
        if (cmyk) {
          // ImageIO's CMYK has no usable colour conversion (its getRGB is off by about 40 levels);
          // this is Pillow's: R = 255 (1 - C)(1 - K), and so on, on the un-inverted samples.
          double k = 1 - raster.getSample(x, y, 3) / cmykMax;
          r = 255.0 * (1 - raster.getSample(x, y, 0) / cmykMax) * k;
          g = 255.0 * (1 - raster.getSample(x, y, 1) / cmykMax) * k;
          b = 255.0 * (1 - raster.getSample(x, y, 2) / cmykMax) * k;
          alpha = 1.0;
        } else if (gray) {
          // Stored gray levels are already display values; Java's CS_GRAY would treat them as linear.
          r = g = b = raster.getSample(x, y, 0) * 255.0 / grayMax;
          alpha = model.hasAlpha() ? raster.getSample(x, y, 1) / alphaMax : 1.0;
        } else {
          int argb = image.getRGB(x, y);
          alpha = ((argb >>> 24) & 0xff) / 255.0;
          r = (argb >> 16) & 0xff;
          g = (argb >> 8) & 0xff;
          b = argb & 0xff;
        }
        int i = (y * w + x) * CHANNELS;
        rgb[i] = r * alpha + 255.0 * (1 - alpha);
        rgb[i + 1] = g * alpha + 255.0 * (1 - alpha);
        rgb[i + 2] = b * alpha + 255.0 * (1 - alpha);
      }
    }
    return rgb;
  }
}
