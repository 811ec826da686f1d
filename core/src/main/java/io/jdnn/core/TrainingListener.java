package io.jdnn.core;

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
}
