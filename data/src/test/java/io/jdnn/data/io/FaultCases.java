package io.jdnn.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one damaged-input case with a bounded time and classifies how it ended. A case may end in
 * the documented {@link FileFormatException} whose message names the file and says more than that,
 * or (only where the damage cannot be seen, such as a flipped pixel) in a value the caller checks;
 * anything else fails the test: a hang, an OutOfMemoryError anywhere in the cause chain, any other
 * exception. Shared by the fault tests of every module (core's test jar).
 */
public final class FaultCases {
  /** Generous: a case takes milliseconds; this only turns a hang into a failure. */
  public static final long CASE_TIMEOUT_SECONDS = 20;

  private static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "fault-case");
    t.setDaemon(true); // a hung case must not keep the test JVM alive
    return t;
  });

  private FaultCases() {}

  /**
   * Runs {@code load} on {@code file}; returns its value, or null when it threw a well-formed
   * {@code documented} exception.
   */
  public static <T> T run(String caseName, Path file, Class<? extends FileFormatException> documented,
      Callable<T> load) {
    Future<T> future = EXECUTOR.submit(load);
    try {
      return future.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return fail(caseName + ": no answer after " + CASE_TIMEOUT_SECONDS + " s (a hang)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail(caseName + ": interrupted");
    } catch (ExecutionException e) {
      requireWellFormed(caseName, file, documented, e.getCause());
      return null;
    }
  }

  /** Asserts {@code thrown} is a {@code documented} exception naming {@code file} and a problem. */
  public static void requireWellFormed(String caseName, Path file, Class<? extends FileFormatException> documented,
      Throwable thrown) {
    if (!documented.isInstance(thrown)) {
      throw new AssertionError(caseName + ": expected a " + documented.getSimpleName() + ", got " + thrown, thrown);
    }
    FileFormatException fe = (FileFormatException) thrown;
    assertThat(fe.file()).as(caseName).isEqualTo(file);
    assertThat(fe.getMessage()).as(caseName).startsWith(file + ": ");
    assertThat(fe.getMessage().length() - (file + ": ").length()).as(caseName + ": a message that says what is wrong")
        .isGreaterThan(15);
    for (Throwable t = fe; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError || t instanceof StackOverflowError) {
        throw new AssertionError(caseName + ": a guard should have stopped this before " + t, fe);
      }
    }
  }

  /** The bytes of {@code file}: the intact original a case damages. */
  public static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code content} to {@code dir/name}, a damaged copy for one case, and returns its path. */
  public static Path write(Path dir, String name, byte[] content) {
    try {
      return Files.write(dir.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
