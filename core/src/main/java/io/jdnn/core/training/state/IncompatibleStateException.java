package io.jdnn.core.training.state;

/**
 * A saved {@link TrainingState} that does not fit the object asked to restore it: an entry is
 * missing or of another kind or shape, or the state was saved under other settings (another
 * architecture, optimizer, learning rate, batch size). The message names the entry and both values.
 *
 * <pre>{@code
 * try {
 *   adam.restoreState(state.scope("optimizer"));
 * } catch (IncompatibleStateException e) {
 *   System.err.println(e.getMessage()); // setting 'optimizer.beta1' is 0.9 in the saved state, 0.8 here
 * }
 * }</pre>
 */
public final class IncompatibleStateException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String entry;

  /** A problem with the entry called {@code entry} (its full name), described by {@code message}. */
  public IncompatibleStateException(String entry, String message) {
    super(message);
    this.entry = entry;
  }

  /** The full name of the entry at fault, e.g. {@code optimizer.m.0}. */
  public String entry() {
    return entry;
  }
}
