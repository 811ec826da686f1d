package io.jdnn.layers;

import io.jdnn.core.LayerTypes;
import java.util.Map;

/**
 * Registers this module's layers with {@link LayerTypes} under the names model files use, so that
 * {@code Sequential.load} can rebuild them. Found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/io.jdnn.core.LayerTypes$Provider}; nobody needs to call it.
 *
 * <p>A new layer type is one more line here: its name, class, settings and constructor, e.g.
 * {@code LayerTypes.register("Tanh", Tanh.class, Tanh::new);}. A name, once released, must keep
 * meaning the same layer, or old files would load as something else.
 *
 * <pre>{@code
 * Sequential model = Sequential.load(Path.of("cat.h5")); // Dense, ReLU, Sigmoid come back by name
 * }</pre>
 */
public final class StandardLayerTypes implements LayerTypes.Provider {

  @Override
  public void registerTypes() {
    LayerTypes.register("Dense", Dense.class, d -> Map.of("in", d.in(), "out", d.out()),
        s -> new Dense(s.integer("in"), s.integer("out")));
    LayerTypes.register("ReLU", ReLU.class, ReLU::new);
    LayerTypes.register("Sigmoid", Sigmoid.class, Sigmoid::new);
  }
}
