package io.jdnn.core.nn;

/** A test fixture: the logistic function {@code 1 / (1 + e^-z)} (core's tests cannot use layers' Sigmoid). */
public final class Logistic extends Activation {
  @Override
  public double apply(double z) {
    return 1.0 / (1.0 + Math.exp(-z));
  }

  @Override
  public double derivative(double z, double a) {
    return a * (1.0 - a);
  }
}
