package io.jdnn.data.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Sequential;
import io.jdnn.layers.Dense;
import io.jdnn.layers.ReLU;
import io.jdnn.layers.Softmax;
import io.jdnn.layers.Standardization;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a table's model keeps beside its weights: a {@link Standardization}'s statistics (buffers,
 * numbered with the parameters) and the class and feature names.
 */
class ModelFileNamesAndBuffersTest {
  @TempDir
  Path dir;

  private static Sequential tableModel() {
    Matrix x = Matrix.ofRows(new double[] {1, 2, 3, 10}, new double[] {100, 300, 200, 400});
    Sequential model = Sequential.of(Standardization.fit(x), new Dense(2, 4), new ReLU(), new Dense(4, 3),
        new Softmax()).initialize(Initializer.HE, new NumpyRandom(3));
    return model.classNames(List.of("setosa", "versicolor", "virginica")).featureNames(List.of("length", "width"));
  }

  @Test
  void statisticsAndNamesSurviveTheFile() throws Exception {
    Sequential model = tableModel();
    Path file = dir.resolve("iris.h5");
    ModelFile.save(model, file);
    try (HdfFile h = new HdfFile(file)) {
      assertThat(new TreeSet<>(h.getChildren().keySet())).containsExactly("W2", "W3", "b2", "b3", "mean1", "std1");
      assertThat(h.getAttribute(ModelFile.CLASS_NAMES_ATTRIBUTE).getData())
          .isEqualTo("[\"setosa\",\"versicolor\",\"virginica\"]");
    }
    Sequential loaded = ModelFile.load(file);
    Standardization s = (Standardization) loaded.layers().get(0);
    assertThat(s.mean()).isEqualTo(((Standardization) model.layers().get(0)).mean());
    assertThat(s.std()).isEqualTo(((Standardization) model.layers().get(0)).std());
    assertThat(loaded.classNames()).containsExactly("setosa", "versicolor", "virginica");
    assertThat(loaded.featureNames()).containsExactly("length", "width");
    Matrix raw = Matrix.ofRows(new double[] {2.5, -1}, new double[] {250, 90});
    assertThat(loaded.predict(raw)).isEqualTo(model.predict(raw));
  }

  @Test
  void aModelWithoutNamesLoadsWithEmptyNames() {
    Sequential model = Sequential.of(new Dense(2, 1)).initialize(Initializer.LECUN, new NumpyRandom(1));
    Path file = dir.resolve("plain.h5");
    ModelFile.save(model, file);
    assertThat(ModelFile.load(file).classNames()).isEmpty();
    assertThat(ModelFile.load(file).featureNames()).isEmpty();
  }

  @Test
  void namesThatDoNotFitAreRefused() {
    Sequential model = tableModel();
    assertThatThrownBy(() -> model.classNames(List.of("a", "b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("2 class names [a, b] do not fit a model with 3 outputs; expected 3");
    assertThatThrownBy(() -> model.featureNames(List.of("a", "b", "c")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("3 feature names do not fit");
  }

  @Test
  void aDamagedNameListIsNamed() throws Exception {
    Path file = dir.resolve("damaged.h5");
    Sequential model = Sequential.of(new Dense(2, 1)).initialize(Initializer.LECUN, new NumpyRandom(1));
    try (WritableHdfFile h = HdfFile.write(file)) {
      h.putAttribute(ModelFile.VERSION_ATTRIBUTE, ModelFile.FORMAT_VERSION);
      h.putAttribute(ModelFile.ARCHITECTURE_ATTRIBUTE, ModelFile.architectureJson(model));
      h.putAttribute(ModelFile.CLASS_NAMES_ATTRIBUTE, "[\"a\", 2]");
      h.putDataset("W1", new double[][] {{1, 2}});
      h.putDataset("b1", new double[][] {{0}});
    }
    assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFormatException.class)
        .hasMessage(file + ": attribute 'jdnn_class_names' is not a JSON list of strings: it holds 2");
  }
}
