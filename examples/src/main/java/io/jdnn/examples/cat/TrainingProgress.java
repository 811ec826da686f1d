package io.jdnn.examples.cat;

import io.jdnn.core.training.TrainingListener;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows how far training has got: a progress bar on standard error when that is a terminal (and
 * the log is not quieted), plain INFO log lines at every tenth of the run otherwise, so a log file
 * or CI output gets a few readable lines instead of carriage returns.
 *
 * <pre>{@code
 * try (TrainingProgress progress = TrainingProgress.start(2500)) {
 *   trainer.listener(progress).fit(x, y, 2500);
 * }
 * }</pre>
 */
final class TrainingProgress implements TrainingListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingProgress.class);
  private static final String CLEAR_LINE = "\r\033[2K";
  private final int iterations;
  private final int logEvery;
  private final ProgressBar bar;
  private final PrintStream terminal;
  private final long start = System.nanoTime();

  private TrainingProgress(int iterations, ProgressBar bar, PrintStream terminal) {
    this.iterations = iterations;
    this.logEvery = Math.max(1, iterations / 10);
    this.bar = bar;
    this.terminal = terminal;
  }

  /** Progress for a run of {@code iterations}: a bar when standard error is a terminal, else log lines. */
  static TrainingProgress start(int iterations) {
    if (LOG.isInfoEnabled() && stderrIsTerminal()) {
      PrintStream err = System.err;
      ProgressBar bar = new ProgressBarBuilder()
          .setTaskName("train")
          .setInitialMax(iterations)
          .setUnit(" it", 1)
          .setUpdateIntervalMillis(250)
          .setConsumer(new ConsoleProgressBarConsumer(err))
          .build();
      return new TrainingProgress(iterations, bar, err);
    }
    return new TrainingProgress(iterations, null, null);
  }

  /** Whether a bar is drawn. */
  boolean showsBar() {
    return bar != null;
  }

  @Override
  public void onIteration(int iteration, double cost) {
    int done = iteration + 1;
    if (bar != null) {
      bar.stepTo(done);
      if (done % logEvery == 0) {
        bar.setExtraMessage(String.format(Locale.ROOT, "cost %.4f", cost));
      }
    } else if (done % logEvery == 0 || done == iterations) {
      double ms = (System.nanoTime() - start) / 1e6;
      LOG.info(String.format(Locale.ROOT, "iteration %d/%d (%d%%), cost %.6f, %.1f ms per iteration, about %.0f s left",
          done, iterations, 100L * done / iterations, cost, ms / done, ms / done * (iterations - done) / 1000));
    }
  }

  /**
   * Clears the bar's line before a line is printed on standard output, which usually shares the
   * terminal; the bar is drawn again below it at its next refresh.
   */
  void beforeOutputLine() {
    if (terminal != null) {
      terminal.print(CLEAR_LINE);
      terminal.flush();
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }

  /**
   * Java 17 can only tell whether stdin and stdout both are a console; on Linux the link behind
   * file descriptor 2 says where standard error goes.
   */
  static boolean stderrIsTerminal() {
    if ("dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    Path fd2 = Path.of("/proc/self/fd/2");
    try {
      if (Files.isSymbolicLink(fd2)) {
        String target = Files.readSymbolicLink(fd2).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (java.io.IOException | SecurityException | UnsupportedOperationException e) {
      LOG.debug("cannot tell where standard error goes: {}", e.toString());
    }
    return System.console() != null;
  }
}
