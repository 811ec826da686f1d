package io.jdnn.examples.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs one damaged-input case with a bounded time: it must return, or throw the documented
 * exception type with a message naming the file and the problem; a hang, an OutOfMemoryError or
 * any other exception fails the test.
 */
final class Bounded {
  static final long CASE_TIMEOUT_SECONDS = 20;
  private static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "fault-case");
    t.setDaemon(true); // a hung case must not keep the test JVM alive
    return t;
  });

  private Bounded() {}

  /** The value of {@code load}, or null when it threw {@code documented} naming {@code file}. */
  static <T> T run(String caseName, Path file, Class<? extends RuntimeException> documented,
      Function<RuntimeException, Path> fileOf, Callable<T> load) {
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
      Throwable thrown = e.getCause();
      if (!documented.isInstance(thrown)) {
        throw new AssertionError(caseName + ": expected a " + documented.getSimpleName() + ", got " + thrown, thrown);
      }
      assertThat(fileOf.apply((RuntimeException) thrown)).as(caseName).isEqualTo(file);
      assertThat(thrown.getMessage()).as(caseName).startsWith(file + ": ");
      assertThat(thrown.getMessage().length() - (file + ": ").length()).as(caseName + ": says what is wrong")
          .isGreaterThan(15);
      for (Throwable t = thrown; t != null; t = t.getCause()) {
        if (t instanceof OutOfMemoryError || t instanceof StackOverflowError) {
          throw new AssertionError(caseName + ": a guard should have stopped this before " + t, thrown);
        }
      }
      return null;
    }
  }
}
