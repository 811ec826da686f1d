package io.jdnn.core.kernel;

/**
 * One Adam step of {@link VectorKernel} over a large parameter, cut into ranges of elements that
 * the kernel's threads update side by side. Each element's update is the same operations in the
 * same order whichever range and thread it falls in (see {@link VectorKernel#adamRange}), so the
 * bits do not depend on the cut. A long-lived holder whose fields are set per step and dropped
 * after it, so that a step allocates nothing.
 *
 * <p>Why: a digits network's {@code W1} has 100,480 elements, and its step (a square root and
 * three divisions per element, which no vector unit does quickly) took about a tenth of a
 * training step on the calling thread while the other thread waited for the next product.
 */
final class AdamTask implements WorkerPool.Task {
  private AdamRule rule;
  private double learningRate;
  private long step;
  private double[] m;
  private double[] v;
  private double[] g;
  private double[] w;

  /** Sets the step's operands; returns this holder. */
  AdamTask set(AdamRule rule, double learningRate, long step, double[] m, double[] v, double[] g, double[] w) {
    this.rule = rule;
    this.learningRate = learningRate;
    this.step = step;
    this.m = m;
    this.v = v;
    this.g = g;
    this.w = w;
    return this;
  }

  /** Drops the references, so the holder keeps no caller's arrays alive. */
  void clear() {
    rule = null;
    m = null;
    v = null;
    g = null;
    w = null;
  }

  @Override
  public void run(int part, int parts) {
    int n = w.length;
    VectorKernel.adamRange(rule, learningRate, step, m, v, g, w, boundary(n, part, parts), boundary(n, part + 1, parts));
  }

  /** Where range {@code part} of {@code parts} starts: a whole number of vectors in, or n. */
  static int boundary(int n, int part, int parts) {
    if (part == parts) {
      return n;
    }
    return (int) ((long) (n / Vectors.LANES) * part / parts) * Vectors.LANES;
  }
}
