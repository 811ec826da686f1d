package io.jdnn.data.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writing a file so that a reader (or a crash) sees either the old file whole or the new one whole,
 * never a part: the bytes go to a hidden temporary file beside the target, are forced to the disk,
 * and the temporary file is then renamed over the target in one step. Every file jdnn writes for a
 * user (models, image sets, checkpoints, reports) goes through here.
 *
 * <p>A process killed during a write cannot delete its temporary file; the next write of the same
 * target deletes the temporary files of processes that no longer run ({@link #removeStale}), so a
 * run that is killed and resumed again and again leaves nothing behind.
 *
 * <pre>{@code
 * AtomicFiles.write(Path.of("cat.h5"), temporary -> writeModel(temporary));
 * }</pre>
 */
public final class AtomicFiles {
  private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);
  /** {@code .NAME.PID.HEX.tmp}, as {@link #temporaryBeside} names them. */
  private static final Pattern TEMPORARY = Pattern.compile("\\.(.+)\\.([0-9]+)\\.[0-9a-f]+(-[0-9]+)?\\.tmp");

  private AtomicFiles() {}

  /** Writes the complete content to {@code temporary} (a path that does not exist yet). */
  @FunctionalInterface
  public interface Content {
    void writeTo(Path temporary) throws IOException;
  }

  /**
   * Writes {@code target} atomically: {@code content} fills a temporary file in the target's folder
   * (created if missing), which is forced to the disk and renamed over the target. On any failure
   * the temporary file is deleted and the previous target, if any, is untouched.
   */
  public static void write(Path target, Content content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    removeStale(absolute);
    Path temporary = temporaryBeside(absolute);
    boolean done = false;
    try {
      content.writeTo(temporary);
      commit(temporary, absolute);
      done = true;
    } finally {
      if (!done) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // The write already failed and says so; a stray hidden temporary file is the lesser problem.
        }
      }
    }
  }

  /**
   * A name for a temporary file in the target's folder (so the rename stays on one file system):
   * {@code .NAME.PID.NANOS.tmp}. Not {@code Files.createTempFile}: that makes the file owner-only
   * (0600), and the finished file would keep those permissions.
   */
  public static Path temporaryBeside(Path target) {
    for (int attempt = 0; ; attempt++) {
      Path candidate = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
          + Long.toHexString(System.nanoTime()) + (attempt == 0 ? "" : "-" + attempt) + ".tmp");
      if (!Files.exists(candidate)) {
        return candidate;
      }
    }
  }

  /**
   * Forces {@code temporary}'s bytes to the disk, then renames it to {@code target}, replacing it.
   * Without the force a killed process loses nothing (the bytes are in the OS's cache), but after
   * a power cut a file system may have done the rename and not yet the data, leaving an empty or
   * partial file under the real name. Where the file system cannot rename atomically, a plain
   * replacing move is the fallback.
   */
  public static void commit(Path temporary, Path target) throws IOException {
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
    // The rename is an entry of the folder: force it too, where the platform can open a folder.
    try (FileChannel folder = FileChannel.open(target.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
      folder.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("cannot force folder {} to the disk: {}", target.getParent(), e.toString());
    }
  }

  /** The temporary files of writes of {@code target} lying beside it, from any process. */
  public static List<Path> temporaries(Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(absolute.getParent())) {
      return found;
    }
    String name = absolute.getFileName().toString();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(absolute.getParent(), "*.tmp")) {
      for (Path file : files) {
        Matcher m = TEMPORARY.matcher(file.getFileName().toString());
        if (m.matches() && m.group(1).equals(name)) {
          found.add(file);
        }
      }
    }
    return found;
  }

  /**
   * Deletes the temporary files that writes of {@code target} by processes that no longer run
   * left behind (a process killed during a write); those of running processes are kept.
   */
  public static void removeStale(Path target) throws IOException {
    for (Path file : temporaries(target)) {
      Matcher m = TEMPORARY.matcher(file.getFileName().toString());
      long pid;
      try {
        pid = m.matches() ? Long.parseLong(m.group(2)) : -1;
      } catch (NumberFormatException e) {
        continue;
      }
      if (pid >= 0 && pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty()) {
        Files.deleteIfExists(file);
        LOG.info("deleted {}, left by process {} that stopped while writing {}", file.getFileName(), pid,
            target.getFileName());
      }
    }
  }
}
