package io.jdnn.data.idx;

import io.jdnn.core.training.dataset.Labels;
import io.jdnn.data.images.LabeledImages;
import io.jdnn.data.io.DataFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A folder in the MNIST distribution's layout: {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and
 * {@code t10k-labels-idx1-ubyte}, each plain or with {@code .gz} (read by {@link IdxFile}). The
 * 60,000 + 10,000 MNIST digits, the project's 8,000 + 2,000 in {@code datasets/digits}, and other
 * data in the same format (Fashion-MNIST, for instance) load alike.
 *
 * <p>Each part becomes {@link LabeledImages}: {@code x} is {@code rows*columns x m}, pixels / 255,
 * byte-backed; {@code y} holds the labels as {@link Labels#encode} makes them (one-hot
 * {@code k x m} for the ten digits). The classes are {@code 0} to the largest training label, named
 * by their numbers; every one of them must occur in the training labels (so a damaged label byte is
 * caught rather than adding a class), and a test label must be one of them.
 *
 * <pre>{@code
 * IdxDataset digits = IdxDataset.load(Path.of("datasets/digits"));
 * digits.train().x();  // 784 x 8000
 * digits.classes();    // [0, 1, ..., 9]
 * }</pre>
 */
public record IdxDataset(LabeledImages train, LabeledImages test, List<String> classes) {
  /** The four files' names without {@code .gz}, as the MNIST distribution names them. */
  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

  /** Whether {@code dir} is a folder holding the training images of this layout (plain or gzip). */
  public static boolean isIdxFolder(Path dir) {
    return Files.isDirectory(dir) && find(dir, TRAIN_IMAGES) != null;
  }

  /**
   * Loads the four files of {@code dir}.
   *
   * @throws DataFormatException when a file is missing or damaged, or the files disagree (counts,
   *     image sizes, classes)
   */
  public static IdxDataset load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new DataFormatException(dir, "no such folder; expected one holding " + TRAIN_IMAGES + ", " + TRAIN_LABELS
          + ", " + TEST_IMAGES + " and " + TEST_LABELS + " (each may end in .gz)");
    }
    IdxImages trainImages = IdxFile.readImages(require(dir, TRAIN_IMAGES));
    Path trainLabelFile = require(dir, TRAIN_LABELS);
    byte[] trainLabels = IdxFile.readLabels(trainLabelFile);
    requireSameCount(trainImages, trainLabelFile, trainLabels);
    int classes = classCount(trainLabelFile, trainLabels);

    IdxImages testImages = IdxFile.readImages(require(dir, TEST_IMAGES));
    if (testImages.rows() != trainImages.rows() || testImages.columns() != trainImages.columns()) {
      throw new DataFormatException(testImages.file(), "holds " + testImages.rows() + "x" + testImages.columns()
          + " images, but the training images in " + trainImages.file().getFileName() + " are " + trainImages.rows()
          + "x" + trainImages.columns());
    }
    Path testLabelFile = require(dir, TEST_LABELS);
    byte[] testLabels = IdxFile.readLabels(testLabelFile);
    requireSameCount(testImages, testLabelFile, testLabels);
    for (int j = 0; j < testLabels.length; j++) {
      int label = testLabels[j] & 0xFF;
      if (label >= classes) {
        throw new DataFormatException(testLabelFile, String.format(Locale.ROOT, "label %d (byte %,d, label %,d) is"
            + " a class the training labels in %s never use; they hold 0 to %d", label, 8 + j, j,
            trainLabelFile.getFileName(), classes - 1));
      }
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      names.add(String.valueOf(c));
    }
    return new IdxDataset(images(trainImages, trainLabels, classes), images(testImages, testLabels, classes),
        List.copyOf(names));
  }

  private static LabeledImages images(IdxImages images, byte[] labels, int classes) {
    int[] classOf = new int[labels.length];
    for (int j = 0; j < labels.length; j++) {
      classOf[j] = labels[j] & 0xFF;
    }
    return new LabeledImages(images.x(), Labels.encode(classOf, classes), images.rows(), images.columns(), 1);
  }

  /**
   * The classes are 0 to the largest label. Labels may start above 0 (EMNIST's letters are 1 to
   * 26), but every class from the smallest label to the largest must have training examples: a
   * damaged byte would otherwise add classes silently.
   */
  private static int classCount(Path file, byte[] labels) {
    int[] counts = new int[256];
    int min = 255;
    int max = 0;
    for (byte b : labels) {
      int label = b & 0xFF;
      counts[label]++;
      min = Math.min(min, label);
      max = Math.max(max, label);
    }
    if (max == 0) {
      throw new DataFormatException(file, "every label is 0; a classifier needs at least two classes");
    }
    for (int c = min; c <= max; c++) {
      if (counts[c] == 0) {
        int lonely = max;
        for (int c2 = c + 1; c2 <= max; c2++) {
          if (counts[c2] > 0) {
            lonely = c2;
            break;
          }
        }
        int at = indexOf(labels, lonely);
        throw new DataFormatException(file, String.format(Locale.ROOT, "the labels run from %d to %d but no label is"
            + " %d; label %d (first at byte %,d, label %,d) is probably damaged", min, max, c, lonely, 8 + at, at));
      }
    }
    return max + 1;
  }

  private static int indexOf(byte[] labels, int label) {
    for (int j = 0; j < labels.length; j++) {
      if ((labels[j] & 0xFF) == label) {
        return j;
      }
    }
    return -1;
  }

  private static void requireSameCount(IdxImages images, Path labelFile, byte[] labels) {
    if (labels.length != images.count()) {
      throw new DataFormatException(labelFile, String.format(Locale.ROOT, "holds %,d labels, but %s holds %,d images;"
          + " expected one label per image", labels.length, images.file().getFileName(), images.count()));
    }
  }

  private static Path require(Path dir, String name) {
    Path file = find(dir, name);
    if (file == null) {
      throw new DataFormatException(dir, "has no " + name + " (nor " + name + ".gz); an MNIST-format folder holds "
          + TRAIN_IMAGES + ", " + TRAIN_LABELS + ", " + TEST_IMAGES + " and " + TEST_LABELS + ", each may end in .gz");
    }
    return file;
  }

  /** {@code name}, else {@code name.gz}, else null. */
  private static Path find(Path dir, String name) {
    for (String candidate : new String[] {name, name + ".gz"}) {
      Path file = dir.resolve(candidate);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    return null;
  }
}
