package io.jdnn.core.training;

/**
 * Told of every training iteration's cost, computed before that iteration's update (as the course
 * prints it).
 *
 * <pre>{@code
 * trainer.listener((i, cost) -> { if (i % 100 == 0) System.out.println(i + " " + cost); });
 * }</pre>
 */
@FunctionalInterface
public interface TrainingListener {
  void onIteration(int iteration, double cost);

  /**
   * A listener that passes on iterations 0, n, 2n, ... to {@code listener}, e.g. to print the cost
   * every 100 iterations.
   */
  static TrainingListener every(int n, TrainingListener listener) {
    if (n < 1) {
      throw new IllegalArgumentException("a listener's interval must be at least 1 iteration, got " + n);
    }
    java.util.Objects.requireNonNull(listener, "listener");
    return (iteration, cost) -> {
      if (iteration % n == 0) {
        listener.onIteration(iteration, cost);
      }
    };
  }
}
