package io.jdnn.data.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What is wrong, if anything, with a path given as an input file, in words a user can act on:
 * missing, a folder, a FIFO or device instead of a regular file, behind a folder that cannot be
 * searched, or unreadable. "No such file" is said only when the file system says so.
 *
 * <pre>{@code
 * String problem = InputFiles.problem(path, "model file");
 * if (problem != null) throw new ModelFormatException(path, problem);
 * }</pre>
 */
public final class InputFiles {
  private InputFiles() {}

  /**
   * Null when {@code path} is a regular file this process can read; else what it is instead,
   * e.g. {@code "is a FIFO (named pipe), expected a regular model file"}.
   *
   * @param kind what the file should be, for the message, e.g. {@code "model file"}
   */
  public static String problem(Path path, String kind) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return "no such " + kind;
    } catch (AccessDeniedException e) {
      return "cannot be reached: permission denied on a folder of its path (a folder without search (x) permission),"
          + " so it is not known whether the " + kind + " exists";
    } catch (IOException e) {
      return "cannot be examined (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
    }
    if (attributes.isDirectory()) {
      return "is a directory, expected " + article(kind) + kind;
    }
    if (!attributes.isRegularFile()) {
      return "is " + special(path) + ", not a regular file; expected " + article(kind) + kind;
    }
    if (!Files.isReadable(path)) {
      return "cannot be read: permission denied";
    }
    return null;
  }

  /** "a " or "an ", as {@code kind} is said: an image file, an HDF5 file, a model file. */
  public static String article(String kind) {
    return kind.matches("(?i)^([aeiou]|hdf).*") ? "an " : "a ";
  }

  /** What a path that is neither a folder nor a regular file is, as the file system tells it. */
  static String special(Path path) {
    try {
      Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      if (mode instanceof Integer m) {
        switch (m & 0170000) {
          case 0010000:
            return "a FIFO (named pipe)";
          case 0020000:
            return "a character device";
          case 0060000:
            return "a block device";
          case 0140000:
            return "a socket";
          default:
            break;
        }
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // No unix view (another OS): the generic words below are still true.
    }
    return "a special file (a pipe, device or socket)";
  }
}
