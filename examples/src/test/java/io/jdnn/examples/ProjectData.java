package io.jdnn.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data the project carries, for tests: the {@code datasets/} folder of the repository (the
 * root POM passes its path as the system property {@code jdnn.datasets}) and the course's published
 * numbers (a test resource).
 */
public final class ProjectData {
  private ProjectData() {}

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

  /** The course's published numbers ({@code course-numbers.md}, a test resource). */
  public static String courseNumbers() {
    try (InputStream in = ProjectData.class.getResourceAsStream("/course-numbers.md")) {
      if (in == null) {
        throw new IllegalStateException("course-numbers.md is missing from the test resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
