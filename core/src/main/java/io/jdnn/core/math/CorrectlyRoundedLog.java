package io.jdnn.core.math;

/**
 * The natural logarithm rounded correctly to the nearest double, computed in double-double
 * arithmetic (about 106 bits), so the generator's Gaussians are the same on every JVM and CPU
 * ({@link Math#log} is an intrinsic whose last bit may differ between platforms).
 *
 * <p>NumPy calls the C library's {@code log}; glibc's is within 0.52 ulp, not always correctly
 * rounded, so for about 4 in 10,000 draws NumPy's Gaussian differs from this one in the last bit
 * (measured over NumPy's first million {@code randn} values with seed 1); the other draws are
 * bit-identical. {@link StrictMath#log} (fdlibm) would differ in about 1 draw in 32.
 *
 * <p>Method: {@code x = m 2^e} with {@code m} in [sqrt(1/2), sqrt(2)), then
 * {@code ln x = e ln 2 + 2 atanh(s)}, {@code s = (m - 1) / (m + 1)}, {@code |s| < 0.172}, the
 * series {@code atanh(s) = sum s^(2k+1) / (2k+1)} summed by Horner's rule to 23 terms.
 */
final class CorrectlyRoundedLog {
  private static final int TERMS = 23;
  private static final double LN2_HI = 0x1.62e42fefa39efp-1;
  private static final double LN2_LO = 0x1.abc9e3b39803fp-56;
  private static final double SQRT_HALF = 0x1.6a09e667f3bcdp-1;
  /** 1/(2k+1) as double-double pairs. */
  private static final double[] INV_HI = new double[TERMS];
  private static final double[] INV_LO = new double[TERMS];

  static {
    for (int k = 0; k < TERMS; k++) {
      double d = 2 * k + 1;
      double hi = 1.0 / d;
      double lo = -Math.fma(hi, d, -1.0) / d; // remainder of 1 - hi*d, divided once more
      INV_HI[k] = hi;
      INV_LO[k] = lo;
    }
  }

  private CorrectlyRoundedLog() {}

  /** ln(x) for finite x > 0. */
  static double log(double x) {
    if (!(x > 0) || !Double.isFinite(x)) {
      return Math.log(x);
    }
    int e = Math.getExponent(x);
    double m = x;
    if (e == Double.MIN_EXPONENT - 1) { // subnormal: normalise first
      m = x * 0x1p54;
      e = Math.getExponent(m) - 54;
      m = Math.scalb(m, -Math.getExponent(m));
    } else {
      m = Math.scalb(x, -e);
    }
    if (m >= 2 * SQRT_HALF) { // m in [sqrt2, 2): halve it
      m *= 0.5;
      e += 1;
    }
    // s = (m - 1) / (m + 1); m - 1 is exact (Sterbenz), m + 1 is a two-sum.
    double num = m - 1.0;
    double denHi = m + 1.0;
    double denLo = (m - (denHi - 1.0)) + (1.0 - (denHi - (denHi - 1.0)));
    double sHi = num / denHi;
    // one correction step of the double-double division num / (denHi + denLo)
    double pHi = sHi * denHi;
    double pLo = Math.fma(sHi, denHi, -pHi) + sHi * denLo;
    double sLo = ((num - pHi) - pLo) / denHi;
    double t = sHi + sLo;
    sLo = sLo - (t - sHi);
    sHi = t;

    // s2 = s * s
    double s2Hi = sHi * sHi;
    double s2Lo = Math.fma(sHi, sHi, -s2Hi) + 2 * sHi * sLo;
    t = s2Hi + s2Lo;
    s2Lo = s2Lo - (t - s2Hi);
    s2Hi = t;

    // Horner: acc = sum_k s2^k / (2k+1)
    double accHi = INV_HI[TERMS - 1];
    double accLo = INV_LO[TERMS - 1];
    for (int k = TERMS - 2; k >= 0; k--) {
      // acc = acc * s2
      double hi = accHi * s2Hi;
      double lo = Math.fma(accHi, s2Hi, -hi) + accHi * s2Lo + accLo * s2Hi;
      // acc = acc + inv[k]
      double sum = hi + INV_HI[k];
      double bb = sum - hi;
      double err = (hi - (sum - bb)) + (INV_HI[k] - bb) + lo + INV_LO[k];
      accHi = sum + err;
      accLo = err - (accHi - sum);
    }
    // r = 2 s acc
    double rHi = sHi * accHi;
    double rLo = Math.fma(sHi, accHi, -rHi) + sHi * accLo + sLo * accHi;
    rHi *= 2;
    rLo *= 2;
    // + e ln2 (e ln2_hi is exact: ln2_hi has trailing zero bits to spare for |e| < 2^11)
    double eHi = e * LN2_HI;
    double eLo = Math.fma(e, LN2_HI, -eHi) + e * LN2_LO;
    double sum = eHi + rHi;
    double bb = sum - eHi;
    double err = (eHi - (sum - bb)) + (rHi - bb) + eLo + rLo;
    return sum + err;
  }
}
