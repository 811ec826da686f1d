package io.jdnn.data.images;

import io.jdnn.data.hdf5.Hdf5File;
import io.jdnn.data.io.DataFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The course's "cat vs non-cat" data: {@code train_catvnoncat.h5} (209 images) and
 * {@code test_catvnoncat.h5} (50), 64x64 RGB, label 1 = cat, each prepared as
 * {@link LabeledImages} does ({@code 12288 x m}, scaled to [0, 1]).
 *
 * <pre>{@code
 * CatVsNonCat data = CatVsNonCat.load(Path.of("datasets/catvnoncat"));
 * data.train().x(); // 12288 x 209
 * }</pre>
 */
public record CatVsNonCat(LabeledImages train, LabeledImages test, List<String> classes) {
  public static final String TRAIN_FILE = "train_catvnoncat.h5";
  public static final String TEST_FILE = "test_catvnoncat.h5";

  /** Loads both files from {@code directory}. */
  public static CatVsNonCat load(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new DataFormatException(directory, "no such directory; expected one holding " + TRAIN_FILE + " and "
          + TEST_FILE);
    }
    try (Hdf5File train = Hdf5File.open(directory.resolve(TRAIN_FILE))) {
      try (Hdf5File test = Hdf5File.open(directory.resolve(TEST_FILE))) {
        return read(train, test);
      }
    }
  }

  /**
   * Reads the course's two files, already open (for instance from a jar's resources with
   * {@link Hdf5File#fromBytes}).
   */
  public static CatVsNonCat read(Hdf5File trainFile, Hdf5File testFile) {
    LabeledImages train = LabeledImages.read(trainFile, "train_set_x", "train_set_y");
    List<String> classes = trainFile.strings("list_classes");
    LabeledImages test = LabeledImages.read(testFile, "test_set_x", "test_set_y");
    if (test.x().rows() != train.x().rows()) {
      throw new DataFormatException(testFile.path(), "test images have " + test.x().rows()
          + " values each, expected " + train.x().rows() + " as in " + trainFile.path().getFileName());
    }
    return new CatVsNonCat(train, test, classes);
  }
}
