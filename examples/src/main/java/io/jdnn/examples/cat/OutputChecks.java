package io.jdnn.examples.cat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks, made before training, that what a command will write at the end can be written: a long
 * run must not be lost to a read-only folder or a typo in {@code --save} or {@code --report}.
 *
 * <p>Missing folders are fine (they are created when the file or report is written); the nearest
 * folder that exists must be one this process can create files in, which is tried by creating and
 * deleting an empty hidden file there: permission bits alone do not tell (root ignores them, a
 * read-only file system does not show in them).
 *
 * <pre>{@code
 * OutputChecks.writableFile(spec, "--save", save);       // nothing to check when save is null
 * OutputChecks.writableFolder(spec, "--report", report);
 * }</pre>
 */
final class OutputChecks {
  private OutputChecks() {}

  /** {@code file} (if not null) can be created or replaced; else a usage error naming {@code option}. */
  static void writableFile(CommandSpec spec, String option, Path file) {
    if (file == null) {
      return;
    }
    if (Files.isDirectory(file)) {
      throw new ParameterException(spec.commandLine(), option + " " + file + " is a folder, expected a file name");
    }
    Path parent = file.toAbsolutePath().normalize().getParent();
    canCreateFilesIn(spec, option, file, parent);
  }

  /** {@code folder} (if not null) is or can become a folder to write files into. */
  static void writableFolder(CommandSpec spec, String option, Path folder) {
    if (folder == null) {
      return;
    }
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new ParameterException(spec.commandLine(), option + " " + folder + " is a file, expected a folder");
    }
    canCreateFilesIn(spec, option, folder, folder.toAbsolutePath().normalize());
  }

  private static void canCreateFilesIn(CommandSpec spec, String option, Path given, Path folder) {
    Path existing = folder;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing)) {
      throw new ParameterException(spec.commandLine(), option + " " + given + " cannot be written: "
          + (existing == null ? "no part of " + folder + " exists" : existing + " is a file, not a folder"));
    }
    try {
      Files.delete(Files.createTempFile(existing, ".jdnn-write-check-", ".tmp"));
    } catch (IOException | SecurityException e) {
      throw new ParameterException(spec.commandLine(), option + " " + given + " cannot be written: cannot create "
          + "files in " + existing + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
  }
}
