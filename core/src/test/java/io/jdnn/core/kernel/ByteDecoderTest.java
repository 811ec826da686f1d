package io.jdnn.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decoder gives, bit for bit, {@code (byte & 0xFF) / divisor}: all 256 byte values, at every
 * offset and length around the vector width, on both of its paths (reciprocal and division).
 */
class ByteDecoderTest {

  @ParameterizedTest
  @ValueSource(doubles = {255.0, 1.0, 3.0, 0.1, -2.5, 12345.678, Math.PI, 1e-300, 1e300, 1e-310, Double.MAX_VALUE,
      Double.MIN_NORMAL, Double.MIN_VALUE})
  void decodesEveryByteToTheQuotient(double divisor) {
    byte[] src = new byte[256 + 40];
    for (int i = 0; i < src.length; i++) {
      src[i] = (byte) (i * 37 + 11); // every value 0..255 in the first 256, in a scrambled order
    }
    boolean byReciprocal = ByteDecoder.reciprocalIsExact(divisor);
    for (int from : new int[] {0, 1, 7, 13}) {
      for (int n : new int[] {0, 1, 7, 8, 9, 16, 23, 256}) {
        double[] dst = new double[n + 5];
        dst[2 + n] = 42.0; // must stay: the decoder writes exactly n values
        ByteDecoder.decode(src, from, dst, 2, n, divisor, byReciprocal);
        for (int i = 0; i < n; i++) {
          double expected = (src[from + i] & 0xFF) / divisor;
          assertThat(Double.doubleToRawLongBits(dst[2 + i])).as("byte %d over %s", src[from + i] & 0xFF, divisor)
              .isEqualTo(Double.doubleToRawLongBits(expected));
        }
        assertThat(dst[2 + n]).isEqualTo(42.0);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {255.0, 1.0, 3.0, 0.1, Math.PI, 12345.678, 1e300, Double.MIN_NORMAL})
  void ordinaryDivisorsTakeTheReciprocalPath(double divisor) {
    assertThat(ByteDecoder.reciprocalIsExact(divisor)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(doubles = {1e-310, Double.MAX_VALUE, Double.MIN_VALUE, -2.5})
  void divisorsWhoseReciprocalIsInexactDivide(double divisor) {
    // 1 / divisor overflows or loses bits in the subnormal range, or (-2.5) 0 * lo + 0 * r gives
    // +0.0 where 0 / divisor is -0.0: the reciprocal cannot be trusted for all 256 values
    assertThat(ByteDecoder.reciprocalIsExact(divisor)).isFalse();
  }
}
