package io.jdnn.core.training.state;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Named arrays and scalars: what a {@link Stateful} object saves, and what a checkpoint file holds.
 *
 * <p><b>Entries.</b> Each name maps to one of three kinds of {@link Entry}: {@link Doubles} (a
 * {@code rows x cols} array of doubles, row-major, kept bit for bit, NaN included), {@link Longs}
 * (a 1-D array of 64-bit integers) or {@link Text}. Scalars are arrays of one element, a boolean
 * is a long 0 or 1, a {@link NumpyRandom} is its whole generator state. Values are copied in and
 * out, so a state is a snapshot.
 *
 * <p><b>Scopes.</b> {@link #scope(String) scope("optimizer")} is a view of the same entries that
 * prefixes every name with {@code optimizer.}: an object writes {@code m.0} and the state holds
 * {@code optimizer.m.0}. Names are letters, digits, {@code _} and {@code -}, joined by dots.
 *
 * <p><b>Reading</b> checks the kind and shape and throws an {@link IncompatibleStateException}
 * naming the full entry when it is missing or does not fit; {@link #requireSetting} refuses a state
 * saved under another setting, naming both values.
 *
 * <pre>{@code
 * TrainingState state = new TrainingState();
 * TrainingState opt = state.scope("optimizer");
 * opt.putLong("t", 42);
 * opt.putMatrix("m.0", firstMoment);
 * long t = state.scope("optimizer").getLong("t");       // 42
 * state.scope("optimizer").readMatrix("m.0", buffer);   // same shape, or refused
 * }</pre>
 */
public final class TrainingState {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
  private final Map<String, Entry> entries;
  private final String prefix;

  /** One value of a state. */
  public sealed interface Entry permits Doubles, Longs, Text {}

  /**
   * A {@code rows x cols} array of doubles, row-major.
   *
   * @param rows at least 0
   * @param cols at least 0
   * @param values {@code rows * cols} values (owned by the entry: not changed after creation)
   */
  public record Doubles(int rows, int cols, double[] values) implements Entry {
    /** Checks the length. */
    public Doubles {
      if (rows < 0 || cols < 0 || values.length != (long) rows * cols) {
        throw new IllegalArgumentException("a " + rows + "x" + cols + " array needs " + (long) rows * cols
            + " values, got " + values.length);
      }
    }

    /** The shape as text, {@code 20x12288}. */
    public String shape() {
      return rows + "x" + cols;
    }
  }

  /** A 1-D array of 64-bit integers (owned by the entry). */
  public record Longs(long[] values) implements Entry {}

  /** A string. */
  public record Text(String value) implements Entry {
    /** Checks for null. */
    public Text {
      Objects.requireNonNull(value, "value");
    }
  }

  /** An empty state. */
  public TrainingState() {
    this(new LinkedHashMap<>(), "");
  }

  private TrainingState(Map<String, Entry> entries, String prefix) {
    this.entries = entries;
    this.prefix = prefix;
  }

  /** A view of the same entries whose names all start with {@code name.}. */
  public TrainingState scope(String name) {
    return new TrainingState(entries, full(name) + ".");
  }

  /**
   * Every entry under this scope, by full name, in the order they were put (unmodifiable; the
   * arrays are the state's own, to be read, not changed). File formats write these.
   */
  public Map<String, Entry> entries() {
    Map<String, Entry> view = new LinkedHashMap<>();
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        view.put(e.getKey(), e.getValue());
      }
    }
    return Collections.unmodifiableMap(view);
  }

  /** Puts {@code entry} under {@code name} as it is (not copied); file formats read states with this. */
  public void put(String name, Entry entry) {
    entries.put(full(name), Objects.requireNonNull(entry, "entry"));
  }

  /** Whether an entry called {@code name} exists in this scope. */
  public boolean contains(String name) {
    return entries.containsKey(full(name));
  }

  /** Whether any entry's name starts with {@code name.} in this scope. */
  public boolean containsScope(String name) {
    String start = full(name) + ".";
    for (String key : entries.keySet()) {
      if (key.startsWith(start)) {
        return true;
      }
    }
    return false;
  }

  // ---- writing ----

  /** Puts a copy of {@code value}'s doubles. */
  public void putMatrix(String name, Matrix value) {
    put(name, new Doubles(value.rows(), value.cols(), value.data().clone()));
  }

  /** Puts a copy of {@code values} as a {@code 1 x n} array. */
  public void putDoubles(String name, double... values) {
    put(name, new Doubles(1, values.length, values.clone()));
  }

  /** Puts one double. */
  public void putDouble(String name, double value) {
    putDoubles(name, value);
  }

  /** Puts a copy of {@code values}. */
  public void putLongs(String name, long... values) {
    put(name, new Longs(values.clone()));
  }

  /** Puts one long. */
  public void putLong(String name, long value) {
    putLongs(name, value);
  }

  /** Puts {@code values} as longs. */
  public void putInts(String name, int... values) {
    long[] longs = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      longs[i] = values[i];
    }
    put(name, new Longs(longs));
  }

  /** Puts a boolean as the long 1 or 0. */
  public void putBoolean(String name, boolean value) {
    putLong(name, value ? 1 : 0);
  }

  /** Puts a string. */
  public void putText(String name, String value) {
    put(name, new Text(value));
  }

  /**
   * Puts a setting: a value that does not change during training but gives the state its
   * meaning (a learning rate, a batch size), as text, for {@link #requireSetting} to check.
   */
  public void putSetting(String name, Object value) {
    putText(name, String.valueOf(value));
  }

  /** Puts the whole state of {@code rng} (see {@link NumpyRandom#state()}) under {@code name}. */
  public void putRandom(String name, NumpyRandom rng) {
    NumpyRandom.State s = rng.state();
    TrainingState scope = scope(name);
    scope.putLong("seed", s.seed());
    scope.putInts("key", s.key());
    scope.putLong("position", s.position());
    scope.putBoolean("has-gauss", s.hasGauss());
    scope.putDouble("gauss", s.gauss());
  }

  // ---- reading ----

  /** Copies the array {@code name} into {@code into}, which must have its shape. */
  public void readMatrix(String name, Matrix into) {
    Doubles d = doublesEntry(name);
    if (d.rows() != into.rows() || d.cols() != into.cols()) {
      throw new IncompatibleStateException(full(name), "entry '" + full(name) + "' is " + d.shape()
          + " in the saved state, expected " + into.shape());
    }
    System.arraycopy(d.values(), 0, into.data(), 0, d.values().length);
  }

  /** A copy of the doubles of {@code name}, row-major, whatever its shape. */
  public double[] doubles(String name) {
    return doublesEntry(name).values().clone();
  }

  /** The single double {@code name}. */
  public double getDouble(String name) {
    Doubles d = doublesEntry(name);
    if (d.values().length != 1) {
      throw new IncompatibleStateException(full(name), "entry '" + full(name) + "' holds " + d.values().length
          + " values, expected 1");
    }
    return d.values()[0];
  }

  /** A copy of the longs of {@code name}. */
  public long[] longs(String name) {
    return longsEntry(name).values().clone();
  }

  /** The single long {@code name}. */
  public long getLong(String name) {
    long[] v = longsEntry(name).values();
    if (v.length != 1) {
      throw new IncompatibleStateException(full(name), "entry '" + full(name) + "' holds " + v.length
          + " values, expected 1");
    }
    return v[0];
  }

  /** The longs of {@code name} as ints, each of which must fit. */
  public int[] ints(String name) {
    long[] v = longsEntry(name).values();
    int[] ints = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      if (v[i] != (int) v[i]) {
        throw new IncompatibleStateException(full(name), "entry '" + full(name) + "' holds " + v[i] + " at " + i
            + ", expected a 32-bit integer");
      }
      ints[i] = (int) v[i];
    }
    return ints;
  }

  /** The long {@code name} as an int, which it must fit. */
  public int getInt(String name) {
    long v = getLong(name);
    if (v != (int) v) {
      throw new IncompatibleStateException(full(name), "entry '" + full(name) + "' is " + v
          + ", expected a 32-bit integer");
    }
    return (int) v;
  }

  /** The boolean {@code name} (a long 0 or 1). */
  public boolean getBoolean(String name) {
    long v = getLong(name);
    if (v != 0 && v != 1) {
      throw new IncompatibleStateException(full(name), "entry '" + full(name) + "' is " + v + ", expected 0 or 1");
    }
    return v == 1;
  }

  /** The string {@code name}. */
  public String text(String name) {
    Entry e = entry(name);
    if (e instanceof Text t) {
      return t.value();
    }
    throw wrongKind(name, e, "text");
  }

  /**
   * Checks that the setting {@code name} was saved with {@code value} (compared as text).
   *
   * @throws IncompatibleStateException naming the setting and both values when it was not
   */
  public void requireSetting(String name, Object value) {
    String saved = text(name);
    String here = String.valueOf(value);
    if (!saved.equals(here)) {
      throw new IncompatibleStateException(full(name), "setting '" + full(name) + "' is " + saved
          + " in the saved state but " + here + " here");
    }
  }

  /** Puts {@code into} in the generator state saved under {@code name} by {@link #putRandom}. */
  public void readRandom(String name, NumpyRandom into) {
    TrainingState scope = scope(name);
    NumpyRandom.State s;
    try {
      s = new NumpyRandom.State(scope.getLong("seed"), scope.ints("key"), scope.getInt("position"),
          scope.getBoolean("has-gauss"), scope.getDouble("gauss"));
    } catch (IllegalArgumentException e) {
      if (e instanceof IncompatibleStateException) {
        throw e;
      }
      throw new IncompatibleStateException(full(name), "random generator '" + full(name) + "': " + e.getMessage());
    }
    if (s.seed() != into.seed()) {
      throw new IncompatibleStateException(full(name), "random generator '" + full(name) + "' was seeded " + s.seed()
          + " in the saved state, " + into.seed() + " here");
    }
    into.restore(s);
  }

  // ---- helpers ----

  private String full(String name) {
    String full = prefix + Objects.requireNonNull(name, "name");
    if (!NAME.matcher(full).matches()) {
      throw new IllegalArgumentException("state entry name '" + full + "' is not letters, digits, _ and -, joined by"
          + " dots");
    }
    return full;
  }

  private Entry entry(String name) {
    Entry e = entries.get(full(name));
    if (e == null) {
      throw new IncompatibleStateException(full(name), "the saved state has no entry '" + full(name) + "'");
    }
    return e;
  }

  private Doubles doublesEntry(String name) {
    Entry e = entry(name);
    if (e instanceof Doubles d) {
      return d;
    }
    throw wrongKind(name, e, "doubles");
  }

  private Longs longsEntry(String name) {
    Entry e = entry(name);
    if (e instanceof Longs l) {
      return l;
    }
    throw wrongKind(name, e, "integers");
  }

  private IncompatibleStateException wrongKind(String name, Entry e, String expected) {
    String kind = e instanceof Doubles ? "doubles" : e instanceof Longs ? "integers" : "text";
    return new IncompatibleStateException(full(name), "entry '" + full(name) + "' holds " + kind + ", expected "
        + expected);
  }

  @Override
  public String toString() {
    Map<String, Entry> mine = entries();
    return "TrainingState(" + (prefix.isEmpty() ? "" : prefix + "*, ") + mine.size() + " entries)";
  }

  /**
   * A fingerprint of the shapes and values of {@code matrices}, as 16 hex digits: equal data give
   * equal fingerprints, other data another one but with odds of about 2^-64. A run saves its data's
   * fingerprint as a setting, so that it is not resumed on other data.
   */
  public static String fingerprint(Matrix... matrices) {
    long h = 0x6A09E667F3BCC909L;
    for (Matrix m : matrices) {
      h = mix(h, m.rows());
      h = mix(h, m.cols());
      for (double v : m.data()) {
        h = mix(h, Double.doubleToLongBits(v));
      }
    }
    return String.format("%016x", h);
  }

  private static long mix(long h, long v) {
    long x = (h ^ v) * 0x9E3779B97F4A7C15L;
    return x ^ (x >>> 29);
  }
}
