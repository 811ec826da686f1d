package io.jdnn.core.kernel;

import io.jdnn.core.math.UnsignedBytes;

/**
 * One product of {@link VectorKernel}, cut into parts on a grid fixed by its shape: strips of C's
 * columns (multiples of the kind's column unit) when there are at least two per thread, else bands
 * of rows (multiples of its row unit). There are up to {@value #PARTS_PER_THREAD} parts per thread,
 * claimed one by one, so that a thread the machine slows down does fewer of them; an A.B strip is
 * at least {@link ProductKind#minPartColumns} wide where C has the columns. A long-lived object
 * whose {@link Operands} are set per product, and which owns the packed copy of A that A.B^T needs
 * and one {@link Workspace} per part, so that a product allocates nothing once they have grown to
 * its size.
 */
final class ProductTask implements WorkerPool.Task {
  static final int PARTS_PER_THREAD = 4;
  final Operands operands = new Operands();
  private ProductKind kind;
  /** Columns (or rows, when {@link #byRows}) per unit of the grid, units in all, and parts. */
  private int unit;
  private int units;
  private boolean byRows;
  int parts;
  /** A, packed by {@link ProductABT#pack} for A.B^T; grows to the largest A seen. */
  private double[] packed = new double[0];
  private final Workspace[] workspaces;
  private final ByteSource byteSource = new ByteSource();

  ProductTask(int threads) {
    workspaces = new Workspace[PARTS_PER_THREAD * threads];
    for (int p = 0; p < workspaces.length; p++) {
      workspaces[p] = new Workspace();
    }
  }

  /**
   * Chooses the register blocks: the narrow ones (16 vector registers), which pack A into every
   * part's workspace (made here, once), or the wide ones.
   */
  void useNarrowBlocks(boolean narrow) {
    operands.narrow = narrow;
    if (narrow) {
      for (Workspace w : workspaces) {
        w.requirePackedA();
      }
    }
  }

  /**
   * How this product reads B: from {@code source} when it is not null and the decoder is supported,
   * with every part's decode buffer grown to the size the product needs; else (null) from its doubles.
   */
  ByteSource byteSourceFor(UnsignedBytes source, ProductKind kind, int k) {
    if (source == null || !byteSource.set(source)) {
      return null;
    }
    int length = kind.decodeLength(k);
    for (Workspace w : workspaces) {
      w.requireDecoded(length);
    }
    return byteSource;
  }

  /** Packs A for A.B^T and returns the packed copy. */
  double[] pack(double[] a, int n, int k) {
    int length = ProductABT.packedLength(n, k);
    if (packed.length < length) {
      packed = new double[length];
    }
    ProductABT.pack(a, n, k, packed);
    return packed;
  }

  /** Cuts the product in {@link #operands} into parts for {@code threads} threads. */
  void split(ProductKind kind, int threads) {
    this.kind = kind;
    int n = operands.n;
    int m = operands.m;
    int colUnits = (m + kind.columnUnit - 1) / kind.columnUnit;
    byRows = colUnits < 2 * threads;
    unit = byRows ? kind.rowUnit : kind.columnUnit;
    units = byRows ? (n + unit - 1) / unit : colUnits;
    int minUnits = byRows ? 1 : Math.max(1, kind.minPartColumns / kind.columnUnit);
    parts = Math.min(units, Math.max(threads, Math.min(PARTS_PER_THREAD * threads, units / minUnits)));
  }

  /** Drops the references, so the task does not keep a caller's matrices alive. */
  void clear() {
    operands.clear();
    byteSource.clear();
    for (Workspace w : workspaces) {
      w.clear();
    }
  }

  @Override
  public void run(int part, int parts) {
    int from = unit * (int) ((long) units * part / parts);
    int to = unit * (int) ((long) units * (part + 1) / parts);
    int n = operands.n;
    int m = operands.m;
    if (byRows) {
      compute(kind, Math.min(n, from), Math.min(n, to), 0, m, part);
    } else {
      compute(kind, 0, n, Math.min(m, from), Math.min(m, to), part);
    }
  }

  /** The whole product on the calling thread. */
  void computeAll(ProductKind kind) {
    compute(kind, 0, operands.n, 0, operands.m, 0);
  }

  private void compute(ProductKind kind, int i0, int i1, int j0, int j1, int part) {
    if (i0 >= i1 || j0 >= j1) {
      return;
    }
    if (kind == ProductKind.AB) {
      ProductAB.multiply(operands, i0, i1, j0, j1, workspaces[part]);
    } else {
      ProductABT.multiply(operands, i0, i1, j0, j1, workspaces[part]);
    }
  }
}
