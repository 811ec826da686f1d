package io.jdnn.examples.cat;

import io.jdnn.core.TrainingException;
import io.jdnn.data.DataFormatException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code jdnn-cat}: the course's cat classifier on the command line.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar examples/target/jdnn-cat.jar train --layers 12288,7,1 --init small
 * </pre>
 *
 * <p>Exit codes: 0 success, 1 a failure while running (e.g. a damaged data file), 2 a usage
 * mistake. A user mistake prints one line on standard error, never a stack trace.
 */
@Command(
    name = "jdnn-cat",
    mixinStandardHelpOptions = true,
    version = "jdnn-cat 0.1.0",
    description = "Trains and uses the course's cat vs non-cat classifier.",
    subcommands = {TrainCommand.class, TuneCommand.class})
public final class CatClassifier implements Runnable {

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the program with these arguments and streams; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new CatClassifier());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((e, a) -> {
      err.println("jdnn-cat: " + e.getMessage() + " (see --help)");
      return 2;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof DataFormatException || e instanceof IllegalArgumentException || e instanceof TrainingException) {
        err.println("jdnn-cat: error: " + e.getMessage());
        return 1;
      }
      throw e;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "missing a command: train or tune");
  }
}
