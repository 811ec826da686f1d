package io.jdnn.core.kernel;

import io.jdnn.core.Activation;
import io.jdnn.core.Matrix;
import org.ojalgo.matrix.store.R064Store;

/**
 * Products by ojalgo's {@link R064Store#fillByMultiplying}, element-wise passes in plain Java: the
 * portable kernel, available on any JVM, and the reference the faster kernels are tested against.
 *
 * <p>jdnn matrices are row-major and ojalgo stores column-major, so a jdnn {@code r x c} array read
 * by ojalgo is the {@code c x r} transpose. {@code C = A.B} is therefore computed as
 * {@code C^T = B^T . A^T} on the arrays as they are, with no copy. ojalgo splits work over output
 * blocks, so results do not depend on its thread count.
 *
 * <pre>{@code
 * Kernels.set(new OjalgoKernel());
 * }</pre>
 */
public final class OjalgoKernel implements Kernel {

  @Override
  public String name() {
    return "ojalgo";
  }

  @Override
  public int threads() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** The column-major view of a row-major matrix: its transpose, sharing the array. */
  private static R064Store transposed(Matrix m) {
    return R064Store.wrap(m.data(), m.cols());
  }

  @Override
  public void matmul(Matrix a, Matrix b, Matrix c) {
    Kernel.requireInner("matmul", a.cols(), b.rows(), a, b);
    Kernel.requireShapes("matmul", c, a.rows(), b.cols(), a, b);
    transposed(c).fillByMultiplying(transposed(b), transposed(a));
  }

  @Override
  public void matmulTransposeB(Matrix a, Matrix b, Matrix c) {
    Kernel.requireInner("matmulTransposeB", a.cols(), b.cols(), a, b);
    Kernel.requireShapes("matmulTransposeB", c, a.rows(), b.rows(), a, b);
    // C^T = B . A^T; ojalgo wants B column-major, i.e. b's array transposed once.
    R064Store bColumnMajor = R064Store.FACTORY.copy(transposed(b).transpose());
    transposed(c).fillByMultiplying(bColumnMajor, transposed(a));
  }

  @Override
  public void matmulTransposeA(Matrix a, Matrix b, Matrix c) {
    Kernel.requireInner("matmulTransposeA", a.rows(), b.rows(), a, b);
    Kernel.requireShapes("matmulTransposeA", c, a.cols(), b.cols(), a, b);
    // C^T = B^T . A; A column-major is a's array transposed once.
    R064Store aColumnMajor = R064Store.FACTORY.copy(transposed(a).transpose());
    transposed(c).fillByMultiplying(transposed(b), aColumnMajor);
  }

  @Override
  public void addBias(Matrix z, Matrix bias) {
    ElementwiseLoops.addBias(z, bias);
  }

  @Override
  public void rowSums(Matrix a, Matrix out) {
    ElementwiseLoops.rowSums(a, out);
  }

  @Override
  public void activate(Activation f, Matrix z, Matrix a) {
    ElementwiseLoops.activate(f, z, a);
  }

  @Override
  public void activationBackward(Activation f, Matrix z, Matrix a, Matrix da, Matrix dz) {
    ElementwiseLoops.activationBackward(f, z, a, da, dz);
  }

  @Override
  public void axpy(double alpha, Matrix x, Matrix y) {
    ElementwiseLoops.axpy(alpha, x, y);
  }

  @Override
  public String toString() {
    return "OjalgoKernel";
  }
}
