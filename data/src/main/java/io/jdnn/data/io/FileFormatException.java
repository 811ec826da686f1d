package io.jdnn.data.io;

import io.jdnn.data.model.ModelFormatException;
import java.nio.file.Path;

/**
 * A file that cannot be used as asked, the common type of jdnn's file errors: its message starts
 * with the file's path, then says what was found and what was expected, so a program can print it
 * as it is. {@link ModelFormatException} is a model file's, {@code io.jdnn.data.io.DataFormatException}
 * a data file's.
 *
 * <pre>{@code
 * try { run(); } catch (FileFormatException e) { System.err.println(e.getMessage()); }
 * }</pre>
 */
public abstract class FileFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;

  /** An error in {@code file}; the message becomes {@code file + ": " + message}. */
  protected FileFormatException(Path file, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = file;
  }

  /** The file at fault. */
  public Path file() {
    return file;
  }
}
