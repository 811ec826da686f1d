package io.jdnn.core.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * What the vector products share: the vector shape, and the load-only pass that brings a panel of
 * B into cache before the arithmetic starts.
 *
 * <p>Vocabulary of this package: a <b>panel</b> is the part of B that a product brings into cache
 * at a time (by {@link #touch}, or by decoding it from bytes into a <b>decode buffer</b>) and keeps
 * there while every block of A passes over it; a <b>block</b> is the piece of C that stays in
 * registers while the summation runs; a <b>part</b> is the rectangle of C one thread computes in
 * one claim.
 */
final class Vectors {
  static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  /** Doubles per vector: 8 with AVX-512. */
  static final int LANES = SPECIES.length();
  /**
   * Where {@link #touch} and {@link ByteSource#touch} leave what they read, so that the JIT cannot
   * drop the reads. A racy plain field: its value is never used.
   */
  @SuppressWarnings("unused")
  static long sink;

  private Vectors() {}

  /**
   * Reads one double per 64-byte line of rows {@code [p0, p1)} x columns {@code [j0, j1)} of B
   * (m columns), and returns their bits or-ed together. The micro-kernel alone reads a panel strip
   * by strip, 256 bytes of each row at a time, with fused multiply-adds in between, and when B
   * comes from memory (the course's X, read once per product) it waits on memory for much of its
   * time. This loop has nothing to do but load, so many lines are in flight at once and the panel
   * arrives in cache at the memory's streaming rate before the arithmetic starts.
   */
  static long touch(double[] b, int m, int p0, int p1, int j0, int j1) {
    long bits = 0;
    for (int p = p0; p < p1; p++) {
      int row = p * m;
      for (int q = row + j0; q < row + j1; q += 8) {
        bits |= Double.doubleToRawLongBits(b[q]);
      }
    }
    return bits;
  }
}
