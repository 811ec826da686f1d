package io.jdnn.data.io;

import java.nio.file.Path;

/**
 * A data file that cannot be used as asked: missing, unreadable, corrupt, or holding a dataset of
 * the wrong name, rank, type, length or values. The message names the file, the dataset (when
 * there is one), what was found and what was expected.
 *
 * <pre>{@code
 * try { CatVsNonCat.load(dir); } catch (DataFormatException e) { System.err.println(e.getMessage()); }
 * }</pre>
 */
public class DataFormatException extends FileFormatException {
  private static final long serialVersionUID = 1L;

  public DataFormatException(Path file, String message) {
    super(file, message, null);
  }

  public DataFormatException(Path file, String message, Throwable cause) {
    super(file, message, cause);
  }
}
