package io.jdnn.examples.cat;

import io.jdnn.data.hdf5.Hdf5File;
import io.jdnn.data.images.CatVsNonCat;
import io.jdnn.data.io.DataFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Where {@code train}, {@code evaluate} and {@code tune} get the course's images: the folder
 * {@code --data} names or, without it, the copy of the repository's {@code datasets/catvnoncat}
 * that the build puts into the jar as resources (under {@value #RESOURCES}), so that
 * {@code java -jar jdnn-cat.jar train} works from any working folder with nothing beside the jar.
 *
 * <p>A folder that is missing or holds no usable files is an error naming its absolute path (a
 * relative {@code --data} is resolved against the working folder, which is not always the one the
 * user thinks) and saying how to point elsewhere.
 *
 * <pre>{@code
 * CatVsNonCat cats = CatData.load(null);                 // the built-in copy
 * CatVsNonCat mine = CatData.load(Path.of("my/cats"));   // a folder of the same two files
 * }</pre>
 */
final class CatData {
  /** The class-path folder holding the built-in copy of {@code datasets/catvnoncat}. */
  static final String RESOURCES = "/io/jdnn/examples/cat/catvnoncat/";
  /** The help text of every {@code --data} option that takes the course's two files. */
  static final String OPTION_HELP = "Folder with " + CatVsNonCat.TRAIN_FILE + " and " + CatVsNonCat.TEST_FILE
      + " (default: the course's images built into jdnn-cat, a copy of datasets/catvnoncat).";
  private static final String HOW_TO_POINT_ELSEWHERE = "--data DIR names a folder holding " + CatVsNonCat.TRAIN_FILE
      + " and " + CatVsNonCat.TEST_FILE + "; without --data jdnn-cat uses the copy of the course's images built into it";

  private CatData() {}

  /** The images in {@code data}, or the built-in copy when {@code data} is null. */
  static CatVsNonCat load(Path data) {
    if (data == null) {
      return builtIn();
    }
    Path dir = data.toAbsolutePath().normalize();
    try {
      return CatVsNonCat.load(dir);
    } catch (DataFormatException e) {
      // The message names the absolute file or folder already; add how to use another one.
      String prefix = e.file() + ": ";
      String problem = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
      throw new DataFormatException(e.file(), problem + " (" + HOW_TO_POINT_ELSEWHERE + ")", e);
    }
  }

  /** Where the images come from, for log lines and messages. */
  static String describe(Path data) {
    return data == null ? "the built-in copy of datasets/catvnoncat" : data.toAbsolutePath().normalize().toString();
  }

  /** The two files from the class path. */
  static CatVsNonCat builtIn() {
    try (Hdf5File train = resource(CatVsNonCat.TRAIN_FILE)) {
      try (Hdf5File test = resource(CatVsNonCat.TEST_FILE)) {
        return CatVsNonCat.read(train, test);
      }
    }
  }

  private static Hdf5File resource(String file) {
    try (InputStream in = CatData.class.getResourceAsStream(RESOURCES + file)) {
      if (in == null) {
        // Only a jar built without the data (not by this project's POM) gets here.
        throw new IllegalStateException(RESOURCES + file + " is missing from jdnn-cat's class path, so there are no "
            + "built-in images; " + HOW_TO_POINT_ELSEWHERE);
      }
      return Hdf5File.fromBytes(Path.of("built-in", "catvnoncat", file), in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in " + file + ": " + e.getMessage(), e);
    }
  }
}
