package io.jdnn.data.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Layer;
import io.jdnn.core.nn.Sequential;
import io.jdnn.layers.Dense;
import io.jdnn.layers.Dropout;
import io.jdnn.layers.LeakyReLU;
import io.jdnn.layers.ReLU;
import io.jdnn.layers.Sigmoid;
import io.jdnn.layers.Softmax;
import io.jdnn.layers.Tanh;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Model files of format version 1, written by jdnn before its packages were reshaped (commit
 * 71bc5ad, {@code model.save(path)}; kept in the test resources), still load: the same
 * architecture, and weights bit-identical to the seeded initialisation that wrote them. Later
 * changes to the code must keep these files loading.
 */
class GoldenModelFileTest {

  /** What wrote {@code golden-v1-softmax.h5}: every layer type jdnn had, LeCun from seed 3. */
  static Sequential softmaxModel() {
    return Sequential.of(new Dense(5, 4), new ReLU(), new Dense(4, 4), new Tanh(), new Dropout(0.9, 7),
        new Dense(4, 3), new LeakyReLU(0.01), new Dense(3, 3), new Softmax())
        .initialize(Initializer.LECUN, new NumpyRandom(3));
  }

  /** What wrote {@code golden-v1-sigmoid.h5}: LeCun from seed 4. */
  static Sequential sigmoidModel() {
    return Sequential.of(new Dense(5, 2), new Sigmoid()).initialize(Initializer.LECUN, new NumpyRandom(4));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"golden-v1-softmax.h5, softmax", "golden-v1-sigmoid.h5, sigmoid"})
  void aVersionOneFileLoadsAsWritten(String resource, String which) throws URISyntaxException {
    Path file = Path.of(GoldenModelFileTest.class.getResource(resource).toURI());
    Sequential expected = which.equals("softmax") ? softmaxModel() : sigmoidModel();
    Sequential loaded = ModelFile.load(file);
    assertThat(loaded.toString()).isEqualTo(expected.toString());
    List<Layer> layers = loaded.layers();
    assertThat(layers).hasSameSizeAs(expected.layers());
    for (int i = 0; i < layers.size(); i++) {
      assertThat(layers.get(i)).hasSameClassAs(expected.layers().get(i));
      for (int p = 0; p < layers.get(i).parameters().size(); p++) {
        assertThat(layers.get(i).parameters().get(p).value().data())
            .as("layer %d parameter %s", i + 1, layers.get(i).parameters().get(p).name())
            .isEqualTo(expected.layers().get(i).parameters().get(p).value().data());
      }
    }
    Matrix x = Matrix.zeros(5, 3);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = (i % 7) / 7.0 - 0.4;
    }
    assertThat(loaded.predict(x)).isEqualTo(expected.predict(x));
  }
}
