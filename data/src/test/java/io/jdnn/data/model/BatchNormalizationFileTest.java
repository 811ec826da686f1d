package io.jdnn.data.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.LayerSpec;
import io.jdnn.core.nn.LayerTypes;
import io.jdnn.core.nn.Sequential;
import io.jdnn.layers.BatchNormalization;
import io.jdnn.layers.Dense;
import io.jdnn.layers.Networks;
import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network with batch normalization in a model file: gamma and beta beside the weights, the
 * running averages as buffers, the bias-free dense layers marked as such, and a loaded model that
 * predicts (in inference mode, from the running averages) exactly as the saved one.
 */
class BatchNormalizationFileTest {
  @TempDir
  Path dir;

  private static Matrix gaussian(int rows, int cols, long seed) {
    NumpyRandom rng = new NumpyRandom(seed);
    Matrix x = Matrix.zeros(rows, cols);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = 2 + rng.nextGaussian();
    }
    return x;
  }

  private static Sequential trainedALittle() {
    Sequential model = Networks.reluSigmoidWithBatchNorm(1.0, 0, 6, 4, 1).initialize(Initializer.LECUN,
        new NumpyRandom(1));
    BatchNormalization bn = (BatchNormalization) model.layers().get(1);
    for (int i = 0; i < 4; i++) {
      bn.gamma().value().data()[i] = 1 + 0.1 * i;
      bn.beta().value().data()[i] = -0.2 * i;
    }
    // Forward passes move the running averages away from their initial 0 and 1.
    for (int t = 0; t < 3; t++) {
      model.forward(gaussian(6, 8, t));
    }
    return model;
  }

  @Test
  void runningAveragesAreSavedAndTheLoadedModelPredictsTheSame() throws IOException {
    Sequential original = trainedALittle();
    Path file = dir.resolve("bn.h5");
    ModelFile.save(original, file);
    try (HdfFile hdf = new HdfFile(file)) {
      assertThat(hdf.getChildren().keySet()).containsExactlyInAnyOrder("W1", "gamma2", "beta2", "running_mean2",
          "running_var2", "W3", "b3");
      assertThat(hdf.getDatasetByPath("running_mean2").getDimensions()).containsExactly(4, 1);
      assertThat((double[]) hdf.getDatasetByPath("running_var2").getDataFlat())
          .containsExactly(((BatchNormalization) original.layers().get(1)).runningVariance().data());
      JsonNode layers = new ObjectMapper().readTree((String) hdf.getAttribute(ModelFile.ARCHITECTURE_ATTRIBUTE)
          .getData()).get("layers");
      assertThat(layers.get(0).get("bias").asBoolean(true)).isFalse();
      assertThat(layers.get(1).get("type").asText()).isEqualTo("BatchNormalization");
      assertThat(layers.get(1).get("momentum").asDouble()).isEqualTo(0.9);
      assertThat(layers.get(1).get("epsilon").asDouble()).isEqualTo(1e-5);
      assertThat(layers.get(3).has("bias")).as("a dense layer with a bias is written as before").isFalse();
    }
    Sequential loaded = ModelFile.load(file);
    assertThat(loaded.toString()).isEqualTo(original.toString());
    BatchNormalization bn = (BatchNormalization) loaded.layers().get(1);
    assertThat(bn.runningMean()).isEqualTo(((BatchNormalization) original.layers().get(1)).runningMean());
    assertThat(bn.runningMean().get(0, 0)).isNotZero();
    Matrix x = gaussian(6, 5, 9);
    assertThat(loaded.predict(x)).isEqualTo(original.predict(x));
  }

  @Test
  void architecturesWithAndWithoutBatchNormalizationDoNotMix() throws IOException {
    Sequential original = trainedALittle();
    Path file = dir.resolve("bn.h5");
    ModelFile.save(original, file);
    // The plain architecture of the same sizes wants a bias the file does not have; the
    // batch-normalized one, against a plain file, wants gamma2.
    Sequential plain = Networks.reluSigmoid(6, 4, 1);
    assertThatThrownBy(() -> ModelFile.loadWeights(file, plain)).isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("bn.h5").hasMessageContaining("'b1'");
    Path plainFile = dir.resolve("plain.h5");
    ModelFile.save(Networks.reluSigmoid(6, 4, 1).initialize(Initializer.LECUN, new NumpyRandom(1)), plainFile);
    assertThatThrownBy(() -> ModelFile.loadWeights(plainFile, Networks.reluSigmoidWithBatchNorm(1.0, 0, 6, 4, 1)))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("plain.h5").hasMessageContaining("'gamma2'");
  }

  @Test
  void theBiasSettingMustBeTrueOrFalse() {
    assertThat(LayerTypes.create(new LayerSpec("Dense", Map.of("in", 3, "out", 2))))
        .isInstanceOfSatisfying(Dense.class, d -> assertThat(d.hasBias()).isTrue());
    assertThat(LayerTypes.create(new LayerSpec("Dense", Map.of("in", 3, "out", 2, "bias", false))))
        .isInstanceOfSatisfying(Dense.class, d -> assertThat(d.hasBias()).isFalse());
    assertThatThrownBy(() -> LayerTypes.create(new LayerSpec("Dense", Map.of("in", 3, "out", 2, "bias", "no"))))
        .hasMessageContaining("Dense setting 'bias' is no, expected true or false");
  }
}
