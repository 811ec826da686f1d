package io.jdnn.data.model;

import io.jdnn.data.io.FileFormatException;
import java.nio.file.Path;

/**
 * A model file that cannot be loaded (or saved) as asked: missing, not HDF5, not a jdnn model,
 * truncated or corrupt, of a newer format, or holding parameters whose shapes do not fit the
 * architecture. The message names the file, the dataset (when there is one), the shapes found and
 * the shapes expected.
 *
 * <pre>{@code
 * try { ModelFile.load(path); } catch (ModelFormatException e) { System.err.println(e.getMessage()); }
 * }</pre>
 */
public class ModelFormatException extends FileFormatException {
  private static final long serialVersionUID = 1L;

  public ModelFormatException(Path file, String message) {
    super(file, message, null);
  }

  public ModelFormatException(Path file, String message, Throwable cause) {
    super(file, message, cause);
  }
}
