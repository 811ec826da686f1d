package io.jdnn.core.training;

/** Training cannot go on, e.g. the cost became NaN or infinite; the message says where and why. */
public class TrainingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TrainingException(String message) {
    super(message);
  }
}
