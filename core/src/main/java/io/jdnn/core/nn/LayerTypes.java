package io.jdnn.core.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The registry that lets a model file name its layers: each layer class is registered under a type
 * name with two functions, one from a layer to its settings ({@link LayerSpec}) and one back.
 * The model file ({@code io.jdnn.data.model.ModelFile}) writes {@code describe(layer)} and rebuilds layers with
 * {@code create(spec)}, so core can load networks made of layers it cannot see.
 *
 * <p><b>Who registers.</b> A module with layers lists a {@link Provider} in
 * {@code META-INF/services/io.jdnn.core.nn.LayerTypes$Provider}; every provider on the class path is
 * run once, before the first look-up. User code can also call {@link #register} directly. Adding a
 * layer type is one line in its module's provider:
 *
 * <pre>{@code
 * LayerTypes.register("ReLU", ReLU.class, ReLU::new);
 * LayerTypes.register("LeakyReLU", LeakyReLU.class,
 *     l -> Map.of("alpha", l.alpha()), s -> new LeakyReLU(s.number("alpha")));
 * }</pre>
 *
 * <p>Registering a name again with the same class replaces the entry; with another class it is an
 * {@link IllegalStateException}, since a file could then load as the wrong layer.
 */
public final class LayerTypes {

  /** Registers a module's layer types; found through {@link ServiceLoader}. */
  public interface Provider {
    /** Calls {@link LayerTypes#register} once for each layer type of the module. */
    void registerTypes();
  }

  private record Entry<L extends Layer>(String name, Class<L> type, Function<L, Map<String, Object>> settings,
      Function<LayerSpec, L> create) {}

  private static final Map<String, Entry<?>> BY_NAME = new LinkedHashMap<>();
  private static final Map<Class<?>, Entry<?>> BY_CLASS = new LinkedHashMap<>();
  private static boolean providersLoaded;

  private LayerTypes() {}

  /** Registers a layer type whose constructor takes no settings (activations, for instance). */
  public static <L extends Layer> void register(String name, Class<L> type, Supplier<L> create) {
    Objects.requireNonNull(create, "create");
    register(name, type, layer -> Map.of(), spec -> create.get());
  }

  /**
   * Registers a layer type: {@code settings} gives what its constructor needs (JSON values: numbers,
   * strings, booleans), {@code create} builds a layer from them.
   */
  public static synchronized <L extends Layer> void register(String name, Class<L> type,
      Function<L, Map<String, Object>> settings, Function<LayerSpec, L> create) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(create, "create");
    Entry<?> old = BY_NAME.get(name);
    if (old != null && old.type() != type) {
      throw new IllegalStateException("layer type '" + name + "' is already registered for " + old.type().getName()
          + ", cannot register it for " + type.getName());
    }
    Entry<?> oldForClass = BY_CLASS.get(type);
    if (oldForClass != null && !oldForClass.name().equals(name)) {
      BY_NAME.remove(oldForClass.name());
    }
    Entry<L> entry = new Entry<>(name, type, settings, create);
    BY_NAME.put(name, entry);
    BY_CLASS.put(type, entry);
  }

  /**
   * The spec of {@code layer}: its registered type name and settings.
   *
   * @throws IllegalArgumentException when the layer's class is not registered
   */
  public static LayerSpec describe(Layer layer) {
    Entry<?> entry;
    synchronized (LayerTypes.class) {
      loadProviders();
      entry = BY_CLASS.get(layer.getClass());
    }
    if (entry == null) {
      throw new IllegalArgumentException("layer " + layer + " (" + layer.getClass().getName()
          + ") has no registered layer type, so it cannot be saved; registered: " + names());
    }
    return new LayerSpec(entry.name(), settingsOf(entry, layer));
  }

  private static <L extends Layer> Map<String, Object> settingsOf(Entry<L> entry, Layer layer) {
    return entry.settings().apply(entry.type().cast(layer));
  }

  /**
   * A new layer built from {@code spec}, with parameters not yet set.
   *
   * @throws IllegalArgumentException when the type is not registered or its settings are wrong
   */
  public static Layer create(LayerSpec spec) {
    Entry<?> entry;
    synchronized (LayerTypes.class) {
      loadProviders();
      entry = BY_NAME.get(spec.type());
    }
    if (entry == null) {
      throw new IllegalArgumentException("layer type '" + spec.type() + "' is not registered; registered: " + names());
    }
    return entry.create().apply(spec);
  }

  /** The registered type names, sorted. */
  public static synchronized Set<String> names() {
    loadProviders();
    return Collections.unmodifiableSet(new TreeSet<>(BY_NAME.keySet()));
  }

  private static void loadProviders() {
    // Called with the class lock held; the flag is set first so that a provider's own register()
    // calls, which take the same (reentrant) lock, do not load the providers again.
    if (providersLoaded) {
      return;
    }
    providersLoaded = true;
    for (Provider provider : ServiceLoader.load(Provider.class, LayerTypes.class.getClassLoader())) {
      provider.registerTypes();
    }
  }
}
