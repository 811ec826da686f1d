package io.jdnn.data.idx;

import static io.jdnn.data.idx.IdxFiles.gzip;
import static io.jdnn.data.idx.IdxFiles.images;
import static io.jdnn.data.idx.IdxFiles.labels;
import static io.jdnn.data.idx.IdxFiles.pixels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import io.jdnn.data.io.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link IdxFile} on small files the test writes: layout, gzip, and each refused header. */
class IdxFileTest {
  @TempDir
  Path tmp;

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(tmp.resolve(name), content);
  }

  @Test
  void imagesComeOutOneColumnPerImageAsPixelsOver255() throws IOException {
    // 3 images of 2x2: image j's pixels are 10j, 10j+1, 10j+2, 10j+3, row by row.
    byte[] p = {0, 1, 2, 3, 10, 11, 12, 13, (byte) 250, (byte) 251, (byte) 252, (byte) 255};
    for (Path file : new Path[] {write("plain", images(IdxFile.IMAGES_MAGIC, 3, 2, 2, p)),
        write("packed.gz", gzip(images(IdxFile.IMAGES_MAGIC, 3, 2, 2, p)))}) {
      IdxImages images = IdxFile.readImages(file);
      assertThat(images.count()).isEqualTo(3);
      assertThat(images.rows()).isEqualTo(2);
      assertThat(images.columns()).isEqualTo(2);
      Matrix x = images.x();
      assertThat(x.shape()).isEqualTo("4x3");
      assertThat(x.get(0, 1)).isEqualTo(10 / 255.0);
      assertThat(x.get(3, 1)).isEqualTo(13 / 255.0);
      assertThat(x.get(3, 2)).as("255 is white, 1.0").isEqualTo(1.0);
      assertThat(x.get(1, 2)).isEqualTo(251 / 255.0);
      assertThat(x.unsignedBytes()).as("kept as bytes for the kernel").isNotNull();
    }
  }

  @Test
  void aLargerFileCrossesTheReadBlocks() throws IOException {
    // 300 images of 28x28: more than one 64 KB block, so the scatter of every block is checked.
    byte[] p = pixels(300, 28, 28, 3);
    Matrix x = IdxFile.readImages(write("big.gz", gzip(images(IdxFile.IMAGES_MAGIC, 300, 28, 28, p)))).x();
    for (int j = 0; j < 300; j += 37) {
      for (int f = 0; f < 784; f += 101) {
        assertThat(x.get(f, j)).isEqualTo((p[j * 784 + f] & 0xFF) / 255.0);
      }
    }
  }

  @Test
  void labelsAreUnsignedBytes() throws IOException {
    byte[] l = {7, 0, (byte) 200};
    assertThat(IdxFile.readLabels(write("l", labels(IdxFile.LABELS_MAGIC, 3, l)))).containsExactly(l);
    assertThat(IdxFile.readLabels(write("l.gz", gzip(labels(IdxFile.LABELS_MAGIC, 3, l))))).containsExactly(l);
  }

  @Test
  void aLabelsFileGivenAsImagesIsNamed() throws IOException {
    Path file = write("swapped", labels(IdxFile.LABELS_MAGIC, 3, new byte[3]));
    assertThatThrownBy(() -> IdxFile.readImages(file)).isInstanceOf(DataFormatException.class)
        .hasMessage(file + ": starts with 0x00000801, expected the IDX magic number 0x00000803 of images (count, rows,"
            + " columns); it is a labels file, expected 3 dimensions");
  }

  @Test
  void anotherValueTypeIsNamed() throws IOException {
    Path file = write("floats", images(0x00000D03, 1, 1, 1, new byte[4]));
    assertThatThrownBy(() -> IdxFile.readImages(file)).isInstanceOf(DataFormatException.class)
        .hasMessage(file + ": starts with 0x00000D03, expected the IDX magic number 0x00000803 of images (count,"
            + " rows, columns); its type code 0x0D is not unsigned bytes (0x08), the only type jdnn reads");
  }

  @Test
  void notAnIdxFileAtAll() throws IOException {
    Path file = write("text", "hello, this is text".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> IdxFile.readImages(file)).isInstanceOf(DataFormatException.class)
        .hasMessage(file + ": starts with 0x68656C6C, expected the IDX magic number 0x00000803 of images (count, rows,"
            + " columns); it is not an IDX file");
  }

  @Test
  void anEmptyFile() throws IOException {
    Path file = write("empty", new byte[0]);
    assertThatThrownBy(() -> IdxFile.readLabels(file)).isInstanceOf(DataFormatException.class)
        .hasMessage(file + ": the file is empty (0 bytes), expected an IDX file (magic 0x00000803 or 0x00000801)");
  }

  @Test
  void aBillionImagesInAPlainFileAreRefusedByItsLength() throws IOException {
    Path file = write("billion", images(IdxFile.IMAGES_MAGIC, 1_000_000_000, 28, 28, new byte[784]));
    assertThatThrownBy(() -> IdxFile.readImages(file)).isInstanceOf(DataFormatException.class)
        .hasMessage(file + ": is truncated or its header is wrong: the header declares 1,000,000,000 images of 28x28"
            + " (784,000,000,016 bytes with the 16-byte header) but the file has 800 bytes");
  }

  @Test
  void aBillionImagesInAGzipFileAreRefusedByItsTrailer() throws IOException {
    Path file = write("billion.gz", gzip(images(IdxFile.IMAGES_MAGIC, 1_000_000_000, 28, 28, new byte[784])));
    assertThatThrownBy(() -> IdxFile.readImages(file)).isInstanceOf(DataFormatException.class)
        .hasMessage(file + ": is truncated or its header is wrong: the header declares 1,000,000,000 images of 28x28"
            + " (784,000,000,016 bytes with the 16-byte header) but the gzip trailer says the data unpacks to 800"
            + " bytes (modulo 2^32)");
  }

  @Test
  void aBillionImagesWithAForgedTrailerAreRefusedBeforeAllocating() throws IOException {
    // The trailer made to agree (784e9 + 16 modulo 2^32): only the array and heap guard is left.
    byte[] packed = gzip(images(IdxFile.IMAGES_MAGIC, 1_000_000_000, 28, 28, new byte[784]));
    long claimed = (784_000_000_016L) & 0xFFFFFFFFL;
    for (int i = 0; i < 4; i++) {
      packed[packed.length - 4 + i] = (byte) (claimed >>> (8 * i));
    }
    Path file = write("forged.gz", packed);
    assertThatThrownBy(() -> IdxFile.readImages(file)).isInstanceOf(DataFormatException.class)
        .hasMessage(file + ": the header declares 1,000,000,000 images of 28x28 (784,000,000,000 pixels), more than"
            + " one Java array holds (2,147,483,639); refused before reading");
  }

  @Test
  void sizesThatOverflowAreRefused() throws IOException {
    Path file = write("overflow", images(IdxFile.IMAGES_MAGIC, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
        new byte[8]));
    assertThatThrownBy(() -> IdxFile.readImages(file)).isInstanceOf(DataFormatException.class)
        .hasMessage(file + ": the header declares 2,147,483,647 images of 2147483647x2147483647, a size that overflows"
            + " 64 bits; the header is damaged");
  }

  @Test
  void aNegativeCountIsNamed() throws IOException {
    Path file = write("negative", images(IdxFile.IMAGES_MAGIC, -3, 2, 2, new byte[4]));
    assertThatThrownBy(() -> IdxFile.readImages(file)).isInstanceOf(DataFormatException.class)
        .hasMessage(file + ": the header declares 4294967293 as the image count (bytes 4 to 7), expected a positive"
            + " number below 2^31");
  }

  @Test
  void bytesAfterTheDeclaredImagesAreNamed() throws IOException {
    Path file = write("long", images(IdxFile.IMAGES_MAGIC, 2, 2, 2, new byte[12]));
    assertThatThrownBy(() -> IdxFile.readImages(file)).isInstanceOf(DataFormatException.class)
        .hasMessage(file + ": has 28 bytes but its header declares 2 images of 2x2 (24 bytes with the 16-byte header);"
            + " the count is wrong or the file holds something else");
  }

  @Test
  void aMissingFileIsNamed() {
    Path file = tmp.resolve("nothing-here");
    assertThatThrownBy(() -> IdxFile.readImages(file)).isInstanceOf(DataFormatException.class)
        .hasMessage(file + ": no such file");
  }
}
