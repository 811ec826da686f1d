package io.jdnn.examples.cat;

import io.jdnn.core.kernel.Kernels;
import io.jdnn.core.training.TrainingException;
import io.jdnn.data.io.FileFormatException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/**
 * {@code jdnn-cat}: the course's cat classifier on the command line.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar examples/target/jdnn-cat.jar train --save cat.h5 --report report
 * java -jar examples/target/jdnn-cat.jar evaluate --model cat.h5
 * java -jar examples/target/jdnn-cat.jar predict --model cat.h5 my_cat.jpg
 * java -jar examples/target/jdnn-cat.jar summary --model cat.h5
 * java -jar examples/target/jdnn-cat.jar export --model cat.h5 --output cat.onnx
 * java -jar examples/target/jdnn-cat.jar evaluate --model cat.onnx
 * java -jar examples/target/jdnn-cat.jar import --model from_pytorch.onnx --output from_pytorch.h5
 * </pre>
 *
 * <p>Exit codes: 0 success, 1 a failure while running (e.g. a damaged data or model file), 2 a
 * usage mistake; output that cannot be written (standard output on a full disk) is a failure. A
 * mistake prints one line on standard error; a failure's stack trace follows only
 * with {@code --verbose}. {@code --quiet} keeps only warnings and errors in the log; {@code --verbose}
 * adds debug messages. Both may be given before or after the subcommand.
 */
@Command(
    name = "jdnn-cat",
    mixinStandardHelpOptions = true,
    version = "jdnn-cat 0.1.0",
    description = "Trains and uses the course's cat vs non-cat classifier.",
    subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, SummaryCommand.class,
        TuneCommand.class, ExportCommand.class, ImportCommand.class, CommandLine.HelpCommand.class})
public final class CatClassifier implements Runnable {
  /** Exit code of a failure while running. */
  static final int FAILURE = 1;
  /** Exit code of a usage mistake. */
  static final int USAGE = 2;

  // Read from the parse result (they may come after a subcommand); the fields only declare them.
  @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
      description = "Log only warnings and errors; no progress bar.")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "Log debug messages too, and print stack traces of errors.")
  boolean verbose;

  public static void main(String[] args) {
    List<String> words = Arrays.asList(args);
    if (words.contains("train") || words.contains("tune")) {
      // The JIT's work on the kernel overlaps the start-up (argument parsing, logging, data loading).
      Kernels.warmUp();
    }
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the program with these arguments and streams; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    // Plots and pictures are drawn off-screen; never try to reach a display.
    System.setProperty("java.awt.headless", "true");
    CommandLine cli = new CommandLine(new CatClassifier());
    cli.setHelpFactory(WordWrapHelp::new);
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((e, a) -> {
      // Never a stack trace here, even with --verbose: the mistake is in the arguments, not the code.
      err.println("jdnn-cat: " + e.getMessage() + didYouMean(e) + " (see " + helpFor(e.getCommandLine()) + ")");
      err.flush();
      return USAGE;
    });
    cli.setExecutionStrategy(parseResult -> {
      boolean quiet = matched(parseResult, "--quiet");
      boolean verbose = matched(parseResult, "--verbose");
      if (quiet && verbose) {
        throw new CommandLine.ParameterException(parseResult.commandSpec().commandLine(),
            "--quiet and --verbose cannot be used together");
      }
      LogSetup.level(quiet, verbose);
      return new CommandLine.RunLast().execute(parseResult);
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      boolean expected = e instanceof FileFormatException || e instanceof TrainingException || e instanceof IllegalArgumentException
          || e instanceof UncheckedIOException;
      err.println("jdnn-cat: error: " + (expected ? e.getMessage() : "unexpected " + e
          + (matched(parseResult, "--verbose") ? "" : " (run with --verbose for the stack trace)")));
      if (matched(parseResult, "--verbose")) {
        e.printStackTrace(err);
      }
      err.flush();
      return FAILURE;
    });
    int code = cli.execute(args);
    // A PrintWriter keeps write errors to itself: without this, output lost to a full disk or a
    // closed pipe (stdout on /dev/full) would still end in exit code 0.
    if (out.checkError()) {
      err.println("jdnn-cat: error: standard output could not be written (a full disk or a closed pipe?): the"
          + " command's results are lost");
      err.flush();
      return code == 0 ? FAILURE : code;
    }
    return code;
  }

  /** "; did you mean --iterations?" for a misspelt option or command, else nothing. */
  static String didYouMean(CommandLine.ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
      List<String> suggestions = unmatched.getSuggestions();
      if (!suggestions.isEmpty()) {
        return "; did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))) + "?";
      }
    }
    return "";
  }

  /** Where to read about the command the mistake was made in: "jdnn-cat train --help". */
  private static String helpFor(CommandLine command) {
    return command == null ? "jdnn-cat --help" : command.getCommandSpec().qualifiedName() + " --help";
  }

  /** Whether {@code option} was given on the command or any of its subcommands. */
  static boolean matched(ParseResult parseResult, String option) {
    for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(option)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this),
        "missing a command: train, evaluate, predict, summary, tune, export, import or help");
  }
}
