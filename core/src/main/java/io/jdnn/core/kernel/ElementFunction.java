package io.jdnn.core.kernel;

/**
 * A scalar function applied element by element, with its derivative: what the kernel needs of an
 * activation, and nothing else, so the kernel does not depend on the network package.
 *
 * <p>{@code a = f(z)}; {@link #derivative} is {@code f'(z)} given both {@code z} and {@code a}, because
 * some derivatives are cheaper from the output (the sigmoid's is {@code a (1 - a)}).
 *
 * <pre>{@code
 * ElementFunction square = new ElementFunction() {
 *   public double apply(double z) { return z * z; }
 *   public double derivative(double z, double a) { return 2 * z; }
 * };
 * kernel.activate(square, z, a);
 * }</pre>
 */
public interface ElementFunction {

  /** {@code f(z)}. */
  double apply(double z);

  /** {@code f'(z)}, given also {@code a = f(z)}. */
  double derivative(double z, double a);
}
