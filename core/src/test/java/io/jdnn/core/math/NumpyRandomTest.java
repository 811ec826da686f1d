package io.jdnn.core.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jdnn.core.nn.Initializer;
import org.junit.jupiter.api.Test;

/** Against values printed by NumPy 2.4 ({@code np.random.seed(s)} and the legacy methods). */
class NumpyRandomTest {

  @Test
  void firstNormalsMatchThePublishedValues() {
    NumpyRandom rng = new NumpyRandom(1);
    assertThat(rng.nextGaussian()).isEqualTo(1.6243453636632417);
    assertThat(rng.nextGaussian()).isEqualTo(-0.6117564136500754);
    assertThat(rng.nextGaussian()).isEqualTo(-0.5281717522634557);
    assertThat(rng.nextGaussian()).isEqualTo(-1.0729686221561705);
  }

  @Test
  void farNormalsMatchNumpyToTheLastBit() {
    // np.random.seed(1); a = np.random.randn(300000): a[999], a[245759], a[245760], a[299999].
    // a[999] is one of the rare draws where glibc's log (NumPy's) is not correctly rounded: 1 ulp off.
    NumpyRandom rng = new NumpyRandom(1);
    double[] a = new double[300_000];
    for (int i = 0; i < a.length; i++) {
      a[i] = rng.nextGaussian();
    }
    assertThat(a[999]).isCloseTo(-0.18695501653274957, within(Math.ulp(0.18695501653274957)));
    assertThat(a[245759]).isEqualTo(0.7466042044432014);
    assertThat(a[245760]).isEqualTo(0.9060108479190531);
    assertThat(a[299999]).isEqualTo(0.022917830370302844);
  }

  @Test
  void logIsCorrectlyRounded() {
    // ln(0x1.6204c12bd2f96p-1) = -0.3689752484277000476809...: nearest double is ...f2d8 (glibc gives ...f2d9)
    assertThat(CorrectlyRoundedLog.log(Double.parseDouble("0x1.6204c12bd2f96p-1")))
        .isEqualTo(Double.parseDouble("-0x1.79d4a5c41f2d8p-2"));
    NumpyRandom rng = new NumpyRandom(7);
    for (int i = 0; i < 100_000; i++) {
      double x = rng.nextDouble() * Math.pow(2, rng.nextInterval(80) - 40) + Double.MIN_NORMAL;
      assertThat(Math.abs(CorrectlyRoundedLog.log(x) - Math.log(x))).as("ln(%s)", x).isLessThanOrEqualTo(Math.ulp(Math.log(x)));
    }
    assertThat(CorrectlyRoundedLog.log(1.0)).isZero();
    assertThat(CorrectlyRoundedLog.log(Math.E)).isEqualTo(1.0);
    assertThat(CorrectlyRoundedLog.log(Double.MIN_VALUE)).isEqualTo(Math.log(Double.MIN_VALUE));
  }

  @Test
  void uniformsMatchRandomSample() {
    NumpyRandom rng = new NumpyRandom(1);
    assertThat(rng.nextDouble()).isEqualTo(0.417022004702574);
    assertThat(rng.nextDouble()).isEqualTo(0.7203244934421581);
    assertThat(rng.nextDouble()).isEqualTo(0.00011437481734488664);
  }

  @Test
  void permutationMatchesNumpy() {
    assertThat(new NumpyRandom(3).permutation(10)).containsExactly(5, 4, 1, 2, 9, 6, 7, 0, 3, 8);
    assertThat(new NumpyRandom(42).permutation(209)).startsWith(30, 171, 84, 198, 60, 155, 45, 181);
  }

  @Test
  void courseWeightsMatchNumpy() {
    // np.random.seed(1); W[l] = randn(n[l], n[l-1]) / sqrt(n[l-1]) for [12288, 20, 7, 5, 1]
    int[] dims = {12288, 20, 7, 5, 1};
    double[][] expected = {
        {0.014653378640123331, 0.006735189662709199, 7.373509610089014},
        {0.20259018442992263, -0.11263982826267017, -1.466201670703895},
        {0.2093063448394052, -0.5886395877769633, 1.6281275311147785},
        {-0.38423553330727866, 0.018698163198335283, 1.0131853302225116}};
    NumpyRandom rng = new NumpyRandom(1);
    for (int l = 1; l < dims.length; l++) {
      Matrix w = Matrix.zeros(dims[l], dims[l - 1]);
      Initializer.LECUN.initialize(w, dims[l - 1], dims[l], rng);
      assertThat(w.get(0, 0)).as("W%d[0,0]", l).isEqualTo(expected[l - 1][0]);
      // W3[-1,-1] comes from a draw where glibc's log is 1 ulp off, hence within one ulp
      double last = w.get(w.rows() - 1, w.cols() - 1);
      assertThat(last).as("W%d[-1,-1]", l).isCloseTo(expected[l - 1][1], within(Math.ulp(expected[l - 1][1])));
      double sum = 0;
      for (double v : w.data()) {
        sum += v;
      }
      // NumPy sums pairwise, so only the order of additions differs: agree to rounding.
      assertThat(sum).as("sum of W%d", l).isCloseTo(expected[l - 1][2], within(1e-11));
    }
  }

  @Test
  void rejectsSeedsNumpyRejects() {
    assertThatThrownBy(() -> new NumpyRandom(-1)).hasMessageContaining("2^32 - 1");
    assertThatThrownBy(() -> new NumpyRandom(1L << 32)).hasMessageContaining("got 4294967296");
  }

  @Test
  void aRestoredStateDrawsWhatTheOriginalDrawsNext() {
    NumpyRandom a = new NumpyRandom(9);
    a.nextGaussian(); // the second normal of the pair is waiting
    for (int i = 0; i < 700; i++) {
      a.nextUint32(); // past a twist
    }
    NumpyRandom.State saved = a.state();
    NumpyRandom b = new NumpyRandom(9);
    b.restore(saved);
    for (int i = 0; i < 1500; i++) {
      assertThat(b.nextGaussian()).isEqualTo(a.nextGaussian());
      assertThat(b.nextInterval(208)).isEqualTo(a.nextInterval(208));
    }
    assertThatThrownBy(() -> new NumpyRandom(8).restore(saved)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seeded 9");
    assertThatThrownBy(() -> new NumpyRandom.State(9, new int[623], 0, false, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("624");
  }
}
