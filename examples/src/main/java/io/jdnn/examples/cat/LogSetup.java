package io.jdnn.examples.cat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.LoggerFactory;

/**
 * The command line's logging, set up in code: logs go to standard error as {@code HH:mm:ss LEVEL
 * message} (standard output carries only what a command prints), at INFO, with jhdf at ERROR,
 * since it warns on every file it opens that it is a "development version". {@link #level} then
 * applies {@code --quiet} (WARN) or {@code --verbose} (DEBUG) to the root logger only, so jhdf's
 * quieter level stays.
 *
 * <p>Logback finds this class through {@code META-INF/services}. It replaces a {@code logback.xml}
 * because reading XML cost the command about 0.2 s at every start (XML parser and logback's
 * configuration model, some 200 classes; measured with {@code -Xlog:class+load}). A configuration
 * file named by {@code -Dlogback.configurationFile}, or a {@code logback-test.xml} on the class
 * path (the tests'), still wins: this class then steps aside.
 *
 * <pre>{@code
 * LogSetup.level(false, true); // --verbose
 * }</pre>
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{HH:mm:ss} %-5level %msg%n");
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(stderr);
    context.getLogger("io.jhdf").setLevel(Level.ERROR);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Sets the root level for this run: WARN when quiet, DEBUG when verbose, else INFO. */
  static void level(boolean quiet, boolean verbose) {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(quiet ? Level.WARN : verbose ? Level.DEBUG : Level.INFO);
    }
  }
}
