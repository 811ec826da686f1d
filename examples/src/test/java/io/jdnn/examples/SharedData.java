package io.jdnn.examples;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared course files lie for tests: {@code ../shared} beside the repository. */
public final class SharedData {
  private SharedData() {}

  public static Path shared() {
    Path dir = Path.of(System.getProperty("jdnn.shared", "../../shared"));
    if (!Files.isDirectory(dir.resolve("datasets"))) {
      throw new IllegalStateException("the shared folder is not at " + dir.toAbsolutePath()
          + "; run the tests through Maven from the repository root, with ../shared beside it");
    }
    return dir;
  }

  public static Path catvnoncat() {
    return shared().resolve("datasets").resolve("catvnoncat");
  }
}
