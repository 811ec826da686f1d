package io.jdnn.examples;

import io.jdnn.data.TestFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The data the project carries, for tests: the repository's {@code datasets/} folder (found by
 * data's {@link TestFiles}) and the course's published numbers (a test resource).
 */
public final class ProjectData {
  private ProjectData() {}

  /** The repository's {@code datasets/} folder (data's {@link TestFiles}). */
  public static Path datasets() {
    return TestFiles.datasets();
  }

  /** The course's two HDF5 files. */
  public static Path catvnoncat() {
    return TestFiles.catvnoncat();
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
