package io.jdnn.core.nn;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A layer as a model file describes it: a registered type name and its settings, e.g.
 * {@code Dense {in=12288, out=20}} or {@code ReLU {}}. {@link LayerTypes} turns a layer into a spec
 * and back; the settings are what the layer's constructor takes, never its trained parameters.
 *
 * <p>Settings hold JSON values: numbers ({@code Integer}, {@code Long} or {@code Double}), strings
 * or booleans. The typed getters check them and name the layer type and key when one is missing or
 * of the wrong kind, so a damaged architecture gives a clear message.
 *
 * <pre>{@code
 * LayerSpec spec = new LayerSpec("Dense", Map.of("in", 12288, "out", 20));
 * int in = spec.integer("in");
 * }</pre>
 */
public record LayerSpec(String type, Map<String, Object> settings) {

  /**
   * A spec of {@code type} with these settings, copied and sorted by key, so that a model file's
   * JSON is the same bytes on every run whatever map the settings came in.
   */
  public LayerSpec {
    Objects.requireNonNull(type, "type");
    settings = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(settings, "settings")));
  }

  /** A spec without settings, for parameter-free layers such as {@code ReLU}. */
  public static LayerSpec of(String type) {
    return new LayerSpec(type, Map.of());
  }

  /** The whole-number setting {@code key}. */
  public int integer(String key) {
    Object value = require(key);
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      long v = ((Number) value).longValue();
      if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
        return (int) v;
      }
    }
    throw new IllegalArgumentException(type + " setting '" + key + "' is " + value + ", expected a whole number");
  }

  /** The numeric setting {@code key}, whole or not. */
  public double number(String key) {
    Object value = require(key);
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException(type + " setting '" + key + "' is " + value + ", expected a number");
  }

  private Object require(String key) {
    Object value = settings.get(key);
    if (value == null) {
      throw new IllegalArgumentException(type + " needs the setting '" + key + "', found only " + settings.keySet());
    }
    return value;
  }

  @Override
  public String toString() {
    return settings.isEmpty() ? type : type + settings;
  }
}
