package io.jdnn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Layer;
import io.jdnn.core.nn.LayerSpec;
import io.jdnn.core.nn.LayerTypes;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.training.GradientCheck;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link Layer} keeps: shapes, a finite-difference gradient check, the cache
 * from forward used by backward, predict equal to forward and touching no cache, buffers reused,
 * and a round trip through a model file (so every layer must be registered in
 * {@link StandardLayerTypes}).
 * A new layer is tested by adding one line to {@link #layers()}.
 */
class LayerContractTest {
  private static final int M = 5;

  /** Name, input size, and a factory of fresh layers. */
  static Stream<Arguments> layers() {
    return Stream.of(
        layer("Dense(4,3)", 4, () -> new Dense(4, 3)),
        layer("Dense(1,1)", 1, () -> new Dense(1, 1)),
        layer("ReLU", 4, ReLU::new),
        layer("Sigmoid", 4, Sigmoid::new),
        layer("Tanh", 4, Tanh::new),
        layer("LeakyReLU(0.1)", 4, () -> new LeakyReLU(0.1)),
        layer("Softmax", 4, Softmax::new),
        layer("Softmax(1 class)", 1, Softmax::new),
        // keep = 1: the deterministic case this contract can hold (predict equals forward);
        // DropoutTest covers masks, scaling and the gradient with keep < 1.
        layer("Dropout(1.0)", 4, () -> new Dropout(1.0, 3)),
        layer("Standardization", 4, () -> new Standardization(Matrix.ofRows(new double[] {1.5, -2, 0, 30}).transpose(),
            Matrix.ofRows(new double[] {0.5, 2, 1, 10}).transpose())));
  }

  private static Arguments layer(String name, int inputSize, Supplier<Layer> factory) {
    return Arguments.of(name, inputSize, factory);
  }

  private static Layer fresh(Supplier<Layer> factory, int seed) {
    Layer layer = factory.get();
    layer.initialize(Initializer.LECUN, new NumpyRandom(seed));
    // Non-zero biases, so the check covers them where they shift the output.
    for (Parameter p : layer.parameters()) {
      if (p.name().equals("b")) {
        NumpyRandom rng = new NumpyRandom(seed + 100);
        for (int i = 0; i < p.value().size(); i++) {
          p.value().data()[i] = rng.nextGaussian() * 0.1;
        }
      }
    }
    return layer;
  }

  /** Inputs away from 0, where ReLU has its kink, so central differences are exact enough. */
  private static Matrix input(int rows, int seed) {
    NumpyRandom rng = new NumpyRandom(seed);
    Matrix x = Matrix.zeros(rows, M);
    for (int i = 0; i < x.size(); i++) {
      double v = rng.nextGaussian();
      x.data()[i] = v + Math.copySign(0.1, v);
    }
    return x;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void shapesOfOutputAndGradients(String name, int in, Supplier<Layer> factory) {
    Layer layer = fresh(factory, 1);
    Matrix x = input(in, 2);
    Matrix out = layer.forward(x);
    int outSize = layer.outputSize(in);
    assertThat(out.rows()).isEqualTo(outSize);
    assertThat(out.cols()).isEqualTo(M);
    Matrix dx = layer.backward(input(outSize, 3), true);
    assertThat(dx.rows()).isEqualTo(in);
    assertThat(dx.cols()).isEqualTo(M);
    for (Parameter p : layer.parameters()) {
      assertThat(p.gradient().sameShape(p.value())).as(p.name()).isTrue();
    }
    assertThat(layer.backward(input(outSize, 3), false)).as("input gradient when not needed").isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void gradientsMatchFiniteDifferences(String name, int in, Supplier<Layer> factory) {
    Layer layer = fresh(factory, 1);
    Matrix x = input(in, 4);
    Matrix upstream = input(layer.outputSize(in), 5);
    assertThat(GradientCheck.ofLayer(layer, x, upstream, 1e-6)).isLessThan(1e-7);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void backwardUsesTheCacheOfTheLatestForward(String name, int in, Supplier<Layer> factory) {
    Matrix x1 = input(in, 6);
    Matrix x2 = input(in, 7);
    Layer reference = fresh(factory, 1);
    reference.forward(x1);
    Matrix upstream = input(reference.outputSize(in), 8);
    Matrix expected = reference.backward(upstream, true).copy();

    Layer layer = fresh(factory, 1);
    layer.forward(x2);
    layer.forward(x1);
    layer.predict(x2); // must not disturb the cache of forward(x1)
    assertThat(layer.backward(upstream, true)).isEqualTo(expected);
    for (int i = 0; i < layer.parameters().size(); i++) {
      assertThat(layer.parameters().get(i).gradient()).isEqualTo(reference.parameters().get(i).gradient());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void backwardBeforeForwardIsAnError(String name, int in, Supplier<Layer> factory) {
    Layer layer = fresh(factory, 1);
    assertThatThrownBy(() -> layer.backward(input(layer.outputSize(in), 1), true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before forward");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void predictEqualsForwardAndBuffersAreReused(String name, int in, Supplier<Layer> factory) {
    Layer layer = fresh(factory, 1);
    Matrix x = input(in, 9);
    Matrix first = layer.forward(x);
    Matrix predicted = layer.predict(x);
    assertThat(predicted).isEqualTo(first).isNotSameAs(first);
    assertThat(layer.forward(input(in, 10))).as("second forward, same shape, same buffer").isSameAs(first);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void buffersOfAMiniBatchAndTheSmallerLastBatchAreBothKept(String name, int in, Supplier<Layer> factory) {
    Layer layer = fresh(factory, 1);
    Matrix full = input(in, 11);
    Matrix last = full.columns(0, M - 2);
    Matrix fullOut = layer.forward(full);
    Matrix fullGrad = layer.backward(input(fullOut.rows(), 12), true);
    Matrix lastOut = layer.forward(last);
    Matrix lastGrad = layer.backward(input(fullOut.rows(), 13).columns(0, M - 2), true);
    assertThat(lastOut).isNotSameAs(fullOut);
    // The next epoch: both shapes again, no new matrices.
    assertThat(layer.forward(full)).isSameAs(fullOut);
    assertThat(layer.backward(input(fullOut.rows(), 12), true)).isSameAs(fullGrad);
    assertThat(layer.forward(last)).isSameAs(lastOut);
    assertThat(layer.backward(input(fullOut.rows(), 13).columns(0, M - 2), true)).isSameAs(lastGrad);
  }

  /**
   * Every layer is registered with LayerTypes, so a model holding it can be saved and loaded: its
   * spec rebuilds the same layer, which with the same parameter values computes the same outputs.
   * (The file round trip itself is data's ModelFileTest, over these same layers.)
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void rebuildsFromItsSpec(String name, int in, Supplier<Layer> factory) {
    Layer layer = fresh(factory, 1);
    LayerSpec spec = LayerTypes.describe(layer);
    Layer rebuilt = LayerTypes.create(spec);
    assertThat(rebuilt).hasSameClassAs(layer);
    assertThat(LayerTypes.describe(rebuilt)).isEqualTo(spec);
    assertThat(rebuilt.toString()).isEqualTo(layer.toString());
    for (int i = 0; i < layer.parameters().size(); i++) {
      rebuilt.parameters().get(i).value().copyFrom(layer.parameters().get(i).value());
    }
    // Buffers are state a file keeps too (a standardization's statistics).
    assertThat(rebuilt.buffers()).hasSameSizeAs(layer.buffers());
    for (int i = 0; i < layer.buffers().size(); i++) {
      rebuilt.buffers().get(i).value().copyFrom(layer.buffers().get(i).value());
    }
    Matrix x = input(in, 11);
    assertThat(rebuilt.predict(x)).isEqualTo(layer.predict(x));
  }
}
