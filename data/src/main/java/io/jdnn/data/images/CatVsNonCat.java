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
 * CatVsNonCat data = CatVsNonCat.load(Path.of("../shared/datasets/catvnoncat"));
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
    List<String> classes;
    LabeledImages train;
    try (Hdf5File h5 = Hdf5File.open(directory.resolve(TRAIN_FILE))) {
      train = LabeledImages.read(h5, "train_set_x", "train_set_y");
      classes = h5.strings("list_classes");
    }
    LabeledImages test = LabeledImages.read(directory.resolve(TEST_FILE), "test_set_x", "test_set_y");
    if (test.x().rows() != train.x().rows()) {
      throw new DataFormatException(directory.resolve(TEST_FILE), "test images have " + test.x().rows()
          + " values each, expected " + train.x().rows() + " as in " + TRAIN_FILE);
    }
    return new CatVsNonCat(train, test, classes);
  }
}
