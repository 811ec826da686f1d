package io.jdnn.layers;

import io.jdnn.core.nn.LayerTypes;
import java.util.Map;

/**
 * Registers this module's layers with {@link LayerTypes} under the names model files use, so that
 * {@code Sequential.load} can rebuild them. Found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/io.jdnn.core.nn.LayerTypes$Provider}; nobody needs to call it.
 *
 * <p>A new layer type is one more line here: its name, class, settings and constructor, e.g.
 * {@code LayerTypes.register("Tanh", Tanh.class, Tanh::new);}. A name, once released, must keep
 * meaning the same layer, or old files would load as something else.
 *
 * <pre>{@code
 * Sequential model = ModelFile.load(Path.of("cat.h5")); // Dense, ReLU, Sigmoid come back by name
 * }</pre>
 */
public final class StandardLayerTypes implements LayerTypes.Provider {

  @Override
  public void registerTypes() {
    LayerTypes.register("Dense", Dense.class, d -> Map.of("in", d.in(), "out", d.out()),
        s -> new Dense(s.integer("in"), s.integer("out")));
    LayerTypes.register("ReLU", ReLU.class, ReLU::new);
    LayerTypes.register("Sigmoid", Sigmoid.class, Sigmoid::new);
    LayerTypes.register("Tanh", Tanh.class, Tanh::new);
    LayerTypes.register("LeakyReLU", LeakyReLU.class, l -> Map.of("alpha", l.alpha()),
        s -> new LeakyReLU(s.number("alpha")));
    LayerTypes.register("Softmax", Softmax.class, Softmax::new);
    // The statistics are buffers (datasets mean<k>, std<k>), not settings.
    LayerTypes.register("Standardization", Standardization.class, l -> Map.of("features", l.features()),
        s -> new Standardization(s.integer("features")));
    // The seed is saved so a loaded model trained further draws the same kind of masks; seeds
    // fit in 32 bits, which a JSON number holds exactly.
    LayerTypes.register("Dropout", Dropout.class, d -> Map.of("keep", d.keepProbability(), "seed", d.seed()),
        s -> new Dropout(s.number("keep"), (long) s.number("seed")));
  }
}
