package io.jdnn.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the course's data lies for tests: {@code ../shared} beside the repository. */
final class TestFiles {
  private TestFiles() {}

  static Path catvnoncat() {
    String shared = System.getProperty("jdnn.shared", "../../shared");
    Path dir = Path.of(shared, "datasets", "catvnoncat");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("the course data is not at " + dir.toAbsolutePath()
          + "; run the tests through Maven from the repository root, with ../shared beside it");
    }
    return dir;
  }
}
