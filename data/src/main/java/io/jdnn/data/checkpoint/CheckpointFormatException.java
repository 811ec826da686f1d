package io.jdnn.data.checkpoint;

import io.jdnn.data.io.FileFormatException;
import java.nio.file.Path;

/**
 * A training checkpoint that cannot be used: missing, not HDF5, truncated, damaged (a checksum
 * that does not match), of a newer format, not a checkpoint at all, or of another model than the
 * one it is restored into. The message starts with the file and says what was found and expected.
 *
 * <pre>{@code
 * try {
 *   Checkpoint c = CheckpointFile.read(Path.of("run.ckpt.h5"));
 * } catch (CheckpointFormatException e) {
 *   System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public final class CheckpointFormatException extends FileFormatException {
  private static final long serialVersionUID = 1L;

  /** A problem with {@code file}, described by {@code message}. */
  public CheckpointFormatException(Path file, String message) {
    super(file, message, null);
  }

  /** As {@link #CheckpointFormatException(Path, String)}, caused by {@code cause}. */
  public CheckpointFormatException(Path file, String message, Throwable cause) {
    super(file, message, cause);
  }
}
