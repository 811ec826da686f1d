package io.jdnn.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the project's data lies for tests: the repository's {@code datasets/} folder, whose path
 * the root POM passes as the system property {@code jdnn.datasets}.
 */
public final class TestFiles {
  private TestFiles() {}

  /** The repository's {@code datasets/} folder. */
  public static Path datasets() {
    Path dir = Path.of(System.getProperty("jdnn.datasets", "../datasets"));
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("the project's datasets folder is not at " + dir.toAbsolutePath()
          + "; run the tests through Maven from the repository root");
    }
    return dir;
  }

  /** The course's two HDF5 files. */
  public static Path catvnoncat() {
    return datasets().resolve("catvnoncat");
  }
}
