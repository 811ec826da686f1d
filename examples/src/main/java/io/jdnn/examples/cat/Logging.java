package io.jdnn.examples.cat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log levels {@code --quiet} and {@code --verbose} choose: INFO by default, WARN when quiet,
 * DEBUG when verbose. Only the root level changes, so the quieter level {@link LogSetup} sets for a
 * chatty library (jhdf) stays.
 *
 * <pre>{@code
 * Logging.configure(false, true); // --verbose
 * }</pre>
 */
final class Logging {
  private Logging() {}

  /** Sets the root level for this run. */
  static void configure(boolean quiet, boolean verbose) {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(quiet ? Level.WARN : verbose ? Level.DEBUG : Level.INFO);
    }
  }
}
