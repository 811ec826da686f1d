package io.jdnn.core.kernel;

/**
 * The child JVM of {@link WarmUpTest}: in a JVM where nothing has touched the kernel yet, prints
 * whether the warm-up had started before and after {@link Kernels#warmUp}.
 */
public final class WarmUpProbe {
  private WarmUpProbe() {}

  public static void main(String[] args) {
    System.out.println("before=" + WarmUp.started());
    Kernels.warmUp();
    System.out.println("after=" + WarmUp.started());
  }
}
