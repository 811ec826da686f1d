package io.jdnn.data.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a class's {@code main} in a child JVM with the test's class path and chosen JVM options,
 * typically {@code -XX:+UseSerialGC -Xmx64m}: the collector and heap a guard must hold under,
 * which the test JVM itself (G1, 2 GB) does not have. An OutOfMemoryError there ends the child
 * with a non-zero exit code and its stack trace on standard error, which the assertion shows.
 *
 * <pre>{@code
 * ChildJvm.Result r = ChildJvm.run(List.of("-XX:+UseSerialGC", "-Xmx64m"), BombProbe.class, file.toString());
 * r.requireExit(0);
 * }</pre>
 */
public final class ChildJvm {
  /** Generous: the children do seconds of work; this only turns a hang into a failure. */
  public static final long TIMEOUT_SECONDS = 300;

  private ChildJvm() {}

  /** What a child printed and how it ended. */
  public record Result(int exit, String out, String err) {
    /** Asserts the exit code, showing both streams when it is another. */
    public Result requireExit(int expected) {
      assertThat(exit).as("exit code of the child JVM; its stdout:%n%s%nits stderr:%n%s", out, err).isEqualTo(expected);
      return this;
    }
  }

  /** Runs {@code main.main(args)} in a child JVM started with {@code options}. */
  public static Result run(List<String> options, Class<?> main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("child", ".out");
      Path err = Files.createTempFile("child", ".err");
      try {
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
          throw new AssertionError("child JVM " + command + " gave no answer in " + TIMEOUT_SECONDS + " s (a hang)");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a child JVM", e);
    }
  }
}
