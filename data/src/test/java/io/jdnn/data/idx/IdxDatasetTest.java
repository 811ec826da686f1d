package io.jdnn.data.idx;

import static io.jdnn.data.idx.IdxFiles.cyclingLabels;
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

/** {@link IdxDataset} on the bundled digits and on small folders the test writes. */
class IdxDatasetTest {
  static final Path DIGITS = Path.of(System.getProperty("jdnn.datasets", "../datasets"), "digits");

  @TempDir
  Path tmp;

  @Test
  void theBundledDigits() {
    IdxDataset digits = IdxDataset.load(DIGITS);
    assertThat(digits.classes()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    Matrix x = digits.train().x();
    assertThat(x.shape()).isEqualTo("784x8000");
    assertThat(digits.test().x().shape()).isEqualTo("784x2000");
    assertThat(digits.train().y().shape()).as("one-hot").isEqualTo("10x8000");
    assertThat(digits.train().height()).isEqualTo(28);
    assertThat(digits.train().channels()).isEqualTo(1);
    assertThat(x.unsignedBytes()).isNotNull();
    // The README of the data: 676 to 926 training digits per class, 187 to 218 test digits.
    for (int c = 0; c < 10; c++) {
      assertThat(rowSum(digits.train().y(), c)).isBetween(676.0, 926.0);
      assertThat(rowSum(digits.test().y(), c)).isBetween(187.0, 218.0);
    }
    // MNIST digits are white on black: the corners are background, the middle has ink somewhere.
    double corner = 0;
    double centre = 0;
    for (int j = 0; j < 8000; j++) {
      corner += x.get(0, j);
      centre += x.get(14 * 28 + 14, j);
    }
    assertThat(corner).isZero();
    assertThat(centre / 8000).isGreaterThan(0.2);
  }

  private static double rowSum(Matrix m, int row) {
    double s = 0;
    for (int j = 0; j < m.cols(); j++) {
      s += m.get(row, j);
    }
    return s;
  }

  /** A folder of 6 training and 3 test images of 2x3, labels cycling through 3 classes. */
  private Path folder(byte[] trainLabels, byte[] testImages, byte[] testLabels) throws IOException {
    Files.write(tmp.resolve("train-images-idx3-ubyte.gz"), gzip(images(IdxFile.IMAGES_MAGIC, 6, 2, 3,
        pixels(6, 2, 3, 1))));
    Files.write(tmp.resolve("train-labels-idx1-ubyte"), trainLabels);
    Files.write(tmp.resolve("t10k-images-idx3-ubyte"), testImages);
    Files.write(tmp.resolve("t10k-labels-idx1-ubyte.gz"), gzip(testLabels));
    return tmp;
  }

  private byte[] testImages() {
    return images(IdxFile.IMAGES_MAGIC, 3, 2, 3, pixels(3, 2, 3, 2));
  }

  @Test
  void plainAndGzipFilesMixAndThreeClassesAreOneHot() throws IOException {
    IdxDataset d = IdxDataset.load(folder(labels(IdxFile.LABELS_MAGIC, 6, cyclingLabels(6, 3)), testImages(),
        labels(IdxFile.LABELS_MAGIC, 3, new byte[] {2, 1, 0})));
    assertThat(d.classes()).containsExactly("0", "1", "2");
    assertThat(d.test().y()).isEqualTo(Matrix.ofRows(new double[] {0, 0, 1}, new double[] {0, 1, 0},
        new double[] {1, 0, 0}));
    assertThat(IdxDataset.isIdxFolder(tmp)).isTrue();
  }

  @Test
  void twoClassesAreOneRow() throws IOException {
    IdxDataset d = IdxDataset.load(folder(labels(IdxFile.LABELS_MAGIC, 6, cyclingLabels(6, 2)), testImages(),
        labels(IdxFile.LABELS_MAGIC, 3, new byte[] {1, 1, 0})));
    assertThat(d.test().y()).isEqualTo(Matrix.ofRows(new double[] {1, 1, 0}));
  }

  @Test
  void aMissingFileIsNamedWithTheLayout() throws IOException {
    folder(labels(IdxFile.LABELS_MAGIC, 6, cyclingLabels(6, 3)), testImages(), labels(IdxFile.LABELS_MAGIC, 3,
        new byte[3]));
    Files.delete(tmp.resolve("t10k-images-idx3-ubyte"));
    assertThatThrownBy(() -> IdxDataset.load(tmp)).isInstanceOf(DataFormatException.class)
        .hasMessage(tmp + ": has no t10k-images-idx3-ubyte (nor t10k-images-idx3-ubyte.gz); an MNIST-format folder"
            + " holds train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and"
            + " t10k-labels-idx1-ubyte, each may end in .gz");
  }

  @Test
  void labelsAndImagesMustBeAsMany() throws IOException {
    folder(labels(IdxFile.LABELS_MAGIC, 5, cyclingLabels(5, 3)), testImages(), labels(IdxFile.LABELS_MAGIC, 3,
        new byte[3]));
    assertThatThrownBy(() -> IdxDataset.load(tmp)).isInstanceOf(DataFormatException.class)
        .hasMessage(tmp.resolve("train-labels-idx1-ubyte") + ": holds 5 labels, but train-images-idx3-ubyte.gz holds"
            + " 6 images; expected one label per image");
  }

  @Test
  void testImagesOfAnotherSize() throws IOException {
    folder(labels(IdxFile.LABELS_MAGIC, 6, cyclingLabels(6, 3)), images(IdxFile.IMAGES_MAGIC, 3, 3, 2,
        pixels(3, 3, 2, 2)), labels(IdxFile.LABELS_MAGIC, 3, new byte[3]));
    assertThatThrownBy(() -> IdxDataset.load(tmp)).isInstanceOf(DataFormatException.class)
        .hasMessage(tmp.resolve("t10k-images-idx3-ubyte") + ": holds 3x2 images, but the training images in"
            + " train-images-idx3-ubyte.gz are 2x3");
  }

  @Test
  void aTestClassTheTrainingLabelsNeverUse() throws IOException {
    folder(labels(IdxFile.LABELS_MAGIC, 6, cyclingLabels(6, 3)), testImages(), labels(IdxFile.LABELS_MAGIC, 3,
        new byte[] {0, 7, 1}));
    assertThatThrownBy(() -> IdxDataset.load(tmp)).isInstanceOf(DataFormatException.class)
        .hasMessage(tmp.resolve("t10k-labels-idx1-ubyte.gz") + ": label 7 (byte 9, label 1) is a class the training"
            + " labels in train-labels-idx1-ubyte never use; they hold 0 to 2");
  }

  @Test
  void aDamagedLabelThatWouldAddClassesIsCaught() throws IOException {
    byte[] damaged = cyclingLabels(6, 3);
    damaged[4] = (byte) 131; // 1 with its top bit flipped
    folder(labels(IdxFile.LABELS_MAGIC, 6, damaged), testImages(), labels(IdxFile.LABELS_MAGIC, 3, new byte[3]));
    assertThatThrownBy(() -> IdxDataset.load(tmp)).isInstanceOf(DataFormatException.class)
        .hasMessage(tmp.resolve("train-labels-idx1-ubyte") + ": the labels run from 0 to 131 but no label is 3;"
            + " label 131 (first at byte 12, label 4) is probably damaged");
  }
}
