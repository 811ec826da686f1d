package io.jdnn.core.math;

/**
 * The random stream of NumPy's legacy global generator ({@code np.random.seed(s)} followed by
 * {@code np.random.rand}, {@code randn} or {@code permutation}), so that a seed gives the same
 * weights in jdnn as in the course's NumPy code.
 *
 * <ul>
 *   <li>MT19937 seeded with {@code init_genrand(seed)};
 *   <li>{@link #nextDouble()}: {@code ((a >>> 5) * 2^26 + (b >>> 6)) / 2^53} from two 32-bit outputs;
 *   <li>{@link #nextGaussian()}: the polar (Marsaglia) method, returning {@code f * x2} and keeping
 *       {@code f * x1} for the next call, as NumPy's {@code legacy_gauss} does; bit-identical to
 *       NumPy on Linux except where glibc's {@code log} is not correctly rounded (about 4 draws in
 *       10,000 then differ in the last bit; see {@code CorrectlyRoundedLog});
 *   <li>{@link #nextInterval(long)} and {@link #permutation(int)}: NumPy's masked rejection sampling and
 *       its Fisher-Yates shuffle from the last element down.
 * </ul>
 *
 * <p>Not thread-safe: one stream per consumer, as NumPy's global state is.
 *
 * <pre>{@code
 * NumpyRandom rng = new NumpyRandom(1);
 * rng.nextGaussian(); // 1.6243453636632417, as np.random.seed(1); np.random.randn()
 * }</pre>
 */
public final class NumpyRandom {
  private static final int N = 624;
  private static final int M = 397;
  private final int[] mt = new int[N];
  private int mti;
  private boolean hasGauss;
  private double gauss;
  private final long seed;

  /** A generator seeded as {@code np.random.seed(seed)}; the seed must fit in 32 unsigned bits. */
  public NumpyRandom(long seed) {
    if (seed < 0 || seed > 0xffffffffL) {
      throw new IllegalArgumentException("seed must be between 0 and 2^32 - 1, got " + seed);
    }
    this.seed = seed;
    mt[0] = (int) seed;
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    mti = N;
  }

  /** The seed this generator started from. */
  public long seed() {
    return seed;
  }

  /** The next raw 32-bit output of MT19937, as an unsigned value in a long. */
  public long nextUint32() {
    if (mti >= N) {
      twist();
    }
    int y = mt[mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y & 0xffffffffL;
  }

  private void twist() {
    for (int k = 0; k < N; k++) {
      int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
      mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
    }
    mti = 0;
  }

  /** A uniform double in [0, 1) with 53 random bits, as {@code np.random.random_sample()}. */
  public double nextDouble() {
    long a = nextUint32() >>> 5;
    long b = nextUint32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /** A standard normal, as {@code np.random.randn()} (legacy polar method). */
  public double nextGaussian() {
    if (hasGauss) {
      hasGauss = false;
      return gauss;
    }
    double x1;
    double x2;
    double r2;
    do {
      x1 = 2.0 * nextDouble() - 1.0;
      x2 = 2.0 * nextDouble() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    double f = Math.sqrt(-2.0 * CorrectlyRoundedLog.log(r2) / r2);
    gauss = f * x1;
    hasGauss = true;
    return f * x2;
  }

  /** A uniform integer in [0, max], as NumPy's legacy {@code random_interval} (masked rejection). */
  public long nextInterval(long max) {
    if (max < 0 || max > 0xffffffffL) {
      throw new IllegalArgumentException("max must be between 0 and 2^32 - 1, got " + max);
    }
    if (max == 0) {
      return 0;
    }
    long mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    long value;
    do {
      value = nextUint32() & mask;
    } while (value > max);
    return value;
  }

  /** A random permutation of {@code 0..n-1}, as {@code np.random.permutation(n)}. */
  public int[] permutation(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i >= 1; i--) {
      int j = (int) nextInterval(i);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /**
   * The whole state of a generator, as NumPy's {@code np.random.get_state()} gives it: after
   * {@code b.restore(a.state())}, {@code b} draws exactly what {@code a} draws next. Checkpoints
   * save it to resume a random stream where it stopped.
   *
   * @param seed the seed the generator started from (a generator only takes the state of one
   *     seeded alike, see {@link #restore})
   * @param key MT19937's 624 words (copied in and out)
   * @param position the index of the next word to temper, 0 to 624 (624: twist first)
   * @param hasGauss whether the polar method's second normal is waiting for the next
   *     {@link #nextGaussian()}
   * @param gauss that normal, when {@code hasGauss}
   */
  public record State(long seed, int[] key, int position, boolean hasGauss, double gauss) {
    /** Checks the ranges and copies the key. */
    public State {
      if (seed < 0 || seed > 0xffffffffL) {
        throw new IllegalArgumentException("seed must be between 0 and 2^32 - 1, got " + seed);
      }
      if (key.length != N) {
        throw new IllegalArgumentException("an MT19937 key has " + N + " words, got " + key.length);
      }
      if (position < 0 || position > N) {
        throw new IllegalArgumentException("an MT19937 position is 0 to " + N + ", got " + position);
      }
      key = key.clone();
    }

    /** A copy of the key. */
    @Override
    public int[] key() {
      return key.clone();
    }
  }

  /** This generator's whole state, a copy. */
  public State state() {
    return new State(seed, mt, mti, hasGauss, hasGauss ? gauss : 0.0);
  }

  /**
   * Continues from {@code state}, as {@code np.random.set_state} does.
   *
   * @throws IllegalArgumentException when the state is of a generator seeded otherwise: a stream
   *     is resumed by the generator that was made for it
   */
  public void restore(State state) {
    if (state.seed() != seed) {
      throw new IllegalArgumentException("the state is of a generator seeded " + state.seed() + ", this one was seeded "
          + seed);
    }
    System.arraycopy(state.key, 0, mt, 0, N);
    mti = state.position();
    hasGauss = state.hasGauss();
    gauss = state.gauss();
  }

  @Override
  public String toString() {
    return "NumpyRandom(seed=" + seed + ")";
  }
}
