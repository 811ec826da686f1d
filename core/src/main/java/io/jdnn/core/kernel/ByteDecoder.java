package io.jdnn.core.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Turns {@link io.jdnn.core.math.UnsignedBytes} back into the doubles they stand for, a run at a time,
 * into a decode buffer that the product loops then read from cache: {@code dst[i] = (src[i] & 0xFF)
 * / divisor}, bit for bit.
 *
 * <p>A vector division is slow (it was the decoder's bottleneck), so where it can the decoder
 * multiplies by the reciprocal held as two doubles, {@code r = 1/d} rounded and {@code lo = 1/d - r}
 * rounded, in one multiplication and one fused multiply-add: {@code q = fma(v, r, v * lo)}, which
 * rounds once a value within about 2^-100 of {@code v/d}. That is the correctly rounded quotient
 * unless {@code v/d} lies that close to the midpoint of two doubles, which a quotient of small
 * whole numbers rarely does but which is not proved for every divisor; a byte has only 256 values,
 * so {@link #reciprocalIsExact} tries them all, and the decoder divides when any differs. So the
 * decoded doubles are always the ones the matrix holds, and a product computed from the bytes equals
 * one computed from the doubles. (An earlier form, {@code q = v * r} corrected by two fused
 * multiply-adds, took two more vector operations per eight values, and the decoding is bound by
 * them: the products that decode ran faster with this one.)
 *
 * <pre>{@code
 * ByteDecoder.decode(bytes, 0, decoded, 0, n, 255.0, ByteDecoder.reciprocalIsExact(255.0));
 * }</pre>
 */
final class ByteDecoder {
  /** The machine's doubles: 512-bit vectors (AVX-512) or 256-bit ones (AVX2). */
  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_64;
  /** Values per step: eight bytes, made one 512-bit vector of doubles or two 256-bit ones. */
  static final int STEP = 8;
  /** Vectors of doubles per step: 1 with AVX-512, 2 with AVX2. */
  private static final int PARTS = STEP / DOUBLES.length();
  /**
   * Whether the products may decode at all: where the preferred vectors hold 8 or 4 doubles
   * (AVX-512, AVX2). Elsewhere a byte-backed matrix is read as doubles, like any other.
   */
  static final boolean SUPPORTED = DOUBLES.length() == 8 || DOUBLES.length() == 4;

  private ByteDecoder() {}

  /** True when the two-part reciprocal gives {@code v / divisor} exactly for all 256 bytes. */
  static boolean reciprocalIsExact(double divisor) {
    double r = 1.0 / divisor;
    double lo = reciprocalTail(divisor, r);
    for (int v = 0; v < 256; v++) {
      double q = Math.fma(v, r, v * lo);
      if (Double.doubleToRawLongBits(q) != Double.doubleToRawLongBits(v / divisor)) {
        return false;
      }
    }
    return true;
  }

  /** {@code 1 / divisor - r}, rounded: what the rounded reciprocal r leaves out (exact residual by a fused multiply-add). */
  private static double reciprocalTail(double divisor, double r) {
    return -Math.fma(r, divisor, -1.0) / divisor;
  }

  /**
   * {@code dst[d0 + i] = (src[s0 + i] & 0xFF) / divisor} for {@code i < n}; {@code byReciprocal}
   * must be {@link #reciprocalIsExact}{@code (divisor)}.
   */
  static void decode(byte[] src, int s0, double[] dst, int d0, int n, double divisor, boolean byReciprocal) {
    int i = 0;
    if (byReciprocal) {
      double hi = 1.0 / divisor;
      double tail = reciprocalTail(divisor, hi);
      DoubleVector r = DoubleVector.broadcast(DOUBLES, hi);
      DoubleVector lo = DoubleVector.broadcast(DOUBLES, tail);
      for (; i + STEP <= n; i += STEP) {
        IntVector ints = ints(src, s0 + i);
        for (int part = 0; part < PARTS; part++) {
          DoubleVector v = doubles(ints, part);
          v.fma(r, v.mul(lo)).intoArray(dst, d0 + i + part * DOUBLES.length());
        }
      }
      // the row's last n % 8 values (one per row of X on W1.X's second part): no division either
      for (; i < n; i++) {
        double v = src[s0 + i] & 0xFF;
        dst[d0 + i] = Math.fma(v, hi, v * tail);
      }
    } else {
      DoubleVector d = DoubleVector.broadcast(DOUBLES, divisor);
      for (; i + STEP <= n; i += STEP) {
        IntVector ints = ints(src, s0 + i);
        for (int part = 0; part < PARTS; part++) {
          doubles(ints, part).div(d).intoArray(dst, d0 + i + part * DOUBLES.length());
        }
      }
      for (; i < n; i++) {
        dst[d0 + i] = (src[s0 + i] & 0xFF) / divisor;
      }
    }
  }

  /** Eight bytes from {@code src[at]}, as unsigned whole numbers in ints. */
  private static IntVector ints(byte[] src, int at) {
    return ((IntVector) ByteVector.fromArray(BYTES, src, at).convertShape(VectorOperators.B2I, INTS, 0)).and(0xFF);
  }

  /** Part {@code part} of the eight ints as doubles: all eight, or four of them with AVX2. */
  private static DoubleVector doubles(IntVector ints, int part) {
    return (DoubleVector) ints.convertShape(VectorOperators.I2D, DOUBLES, part);
  }
}
