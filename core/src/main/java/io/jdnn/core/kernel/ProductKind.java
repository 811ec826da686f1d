package io.jdnn.core.kernel;

/**
 * The two product loops of {@link VectorKernel}, and how each cuts C into parts for the threads:
 * the unit of the grid along C's columns and rows (a register block's width and height), and the
 * fewest columns a part of A.B should have.
 */
enum ProductKind {
  /** {@code C = A.B}, and {@code A^T.B} through A's strides: {@link ProductAB}. */
  AB(Vectors.LANES, ProductAB.BLOCK_ROWS, ProductAB.MIN_PART_COLUMNS),
  /** {@code C = A.B^T}: {@link ProductABT}. */
  ABT(ProductABT.BLOCK_COLUMNS, ProductABT.BLOCK_ROWS, 1);

  /** Columns of C per unit of the grid when C is cut into strips of columns. */
  final int columnUnit;
  /** Rows of C per unit of the grid when C is cut into bands of rows. */
  final int rowUnit;
  /** The fewest columns a strip should have, where C has them. */
  final int minPartColumns;

  ProductKind(int columnUnit, int rowUnit, int minPartColumns) {
    this.columnUnit = columnUnit;
    this.rowUnit = rowUnit;
    this.minPartColumns = minPartColumns;
  }

  /** The decode buffer a byte-backed product of this kind needs for a summation length k, in doubles. */
  int decodeLength(int k) {
    return this == AB ? ProductAB.decodeLength() : ProductABT.decodeLength(k);
  }
}
