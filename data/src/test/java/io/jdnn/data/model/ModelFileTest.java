package io.jdnn.data.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Activation;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.layers.Dense;
import io.jdnn.layers.Networks;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files with the real layers (this test lives in the layers module so that {@code Dense},
 * {@code ReLU} and {@code Sigmoid} are registered through the service loader, as in an application).
 */
class ModelFileTest {
  @TempDir
  Path dir;

  private static Sequential model(long seed, int... sizes) {
    return Networks.reluSigmoid(sizes).initialize(Initializer.LECUN, new NumpyRandom(seed));
  }

  private static Matrix randomInput(int rows, int cols, long seed) {
    NumpyRandom rng = new NumpyRandom(seed);
    Matrix x = Matrix.zeros(rows, cols);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = rng.nextGaussian();
    }
    return x;
  }

  @Test
  void saveThenLoadGivesBitIdenticalParametersAndPredictions() {
    Sequential original = model(3, 12, 5, 3, 1);
    // Non-zero biases, so that a b that was not read would show.
    for (Parameter p : original.parameters()) {
      if (p.name().equals("b")) {
        for (int i = 0; i < p.value().size(); i++) {
          p.value().data()[i] = 0.1 * (i + 1) - 0.25;
        }
      }
    }
    Path file = dir.resolve("model.h5");
    ModelFile.save(original, file);
    Sequential loaded = ModelFile.load(file);

    assertThat(loaded.toString()).isEqualTo(original.toString());
    for (int i = 0; i < original.parameters().size(); i++) {
      assertThat(loaded.parameters().get(i).value()).isEqualTo(original.parameters().get(i).value());
    }
    Matrix x = randomInput(12, 9, 7);
    assertThat(loaded.predict(x)).isEqualTo(original.predict(x));
  }

  @Test
  void fileHasTheCourseLayoutAVersionAndTheArchitectureAsJson() throws IOException {
    Sequential original = model(1, 6, 4, 1);
    Path file = dir.resolve("layout.h5");
    ModelFile.save(original, file);
    try (HdfFile hdf = new HdfFile(file)) {
      assertThat(hdf.getChildren().keySet()).containsExactlyInAnyOrder("W1", "b1", "W2", "b2");
      assertThat(hdf.getDatasetByPath("W1").getDimensions()).containsExactly(4, 6);
      assertThat(hdf.getDatasetByPath("b1").getDimensions()).containsExactly(4, 1);
      assertThat(hdf.getDatasetByPath("W2").getDimensions()).containsExactly(1, 4);
      assertThat(hdf.getDatasetByPath("b2").getDimensions()).containsExactly(1, 1);
      double[] w1 = (double[]) hdf.getDatasetByPath("W1").getDataFlat();
      assertThat(w1).containsExactly(original.parameters().get(0).value().data());
      assertThat(((Number) hdf.getAttribute(ModelFile.VERSION_ATTRIBUTE).getData()).intValue())
          .isEqualTo(ModelFile.FORMAT_VERSION);
      JsonNode json = new ObjectMapper().readTree((String) hdf.getAttribute(ModelFile.ARCHITECTURE_ATTRIBUTE).getData());
      JsonNode layers = json.get("layers");
      assertThat(layers).hasSize(4);
      assertThat(layers.get(0).get("type").asText()).isEqualTo("Dense");
      assertThat(layers.get(0).get("in").asInt()).isEqualTo(6);
      assertThat(layers.get(0).get("out").asInt()).isEqualTo(4);
      assertThat(layers.get(1).get("type").asText()).isEqualTo("ReLU");
      assertThat(layers.get(3).get("type").asText()).isEqualTo("Sigmoid");
    }
  }

  @Test
  void savingTwiceWritesTheSameBytes() throws IOException {
    Sequential original = model(5, 5, 3, 1);
    Path a = dir.resolve("a.h5");
    Path b = dir.resolve("b.h5");
    ModelFile.save(original, a);
    ModelFile.save(original, b);
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
  }

  @Test
  void savedFileHasThePermissionsOfAnyNewFile() throws IOException {
    Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
    Path file = dir.resolve("perm.h5");
    ModelFile.save(model(1, 3, 1), file);
    // The temporary file must not leave the model owner-only (as Files.createTempFile would).
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(plain));
  }

  /** A file as h5py would write the course's parameters: no attributes, W1, b1, W2, b2 only. */
  @Test
  void courseLayoutFileLoadsWhenTheArchitectureIsStated() {
    double[][] w1 = {{0.5, -0.25, 1.0}, {-1.0, 0.75, 0.125}};
    double[][] b1 = {{0.1}, {-0.2}};
    double[][] w2 = {{1.5, -2.0}};
    double[][] b2 = {{0.3}};
    Path file = dir.resolve("course.h5");
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      hdf.putDataset("W1", w1);
      hdf.putDataset("b1", b1);
      hdf.putDataset("W2", w2);
      hdf.putDataset("b2", b2);
    }
    Sequential model = ModelFile.loadWeights(file, Networks.reluSigmoid(3, 2, 1));

    Matrix x = randomInput(3, 4, 11);
    Matrix p = model.predict(x);
    // The course's predict, written out: A2 = sigmoid(W2 relu(W1 x + b1) + b2).
    for (int j = 0; j < x.cols(); j++) {
      double z2 = b2[0][0];
      for (int h = 0; h < 2; h++) {
        double z1 = b1[h][0];
        for (int i = 0; i < 3; i++) {
          z1 += w1[h][i] * x.get(i, j);
        }
        z2 += w2[0][h] * Math.max(0, z1);
      }
      assertThat(p.get(0, j)).isCloseTo(1 / (1 + Math.exp(-z2)), org.assertj.core.data.Offset.offset(1e-15));
    }

    assertThatThrownBy(() -> ModelFile.load(file))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not a jdnn model file")
        .hasMessageContaining("W1")
        .hasMessageContaining("architecture is stated");
  }

  @Test
  void courseLayoutAcceptsFloat32AndOneDimensionalBiases() {
    Path file = dir.resolve("float32.h5");
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      hdf.putDataset("W1", new float[][] {{0.5f, -1.5f}});
      hdf.putDataset("b1", new float[] {0.25f});
    }
    Sequential model = ModelFile.loadWeights(file, Sequential.of(new Dense(2, 1)));
    assertThat(model.predict(Matrix.ofRows(new double[] {2}, new double[] {1})).get(0, 0))
        .isEqualTo(0.5 * 2 - 1.5 * 1 + 0.25);
  }

  @Test
  void aFailedSaveLeavesThePreviousFileReadable() throws IOException {
    Path file = dir.resolve("keep.h5");
    Sequential first = model(1, 4, 3, 1);
    ModelFile.save(first, file);
    byte[] before = Files.readAllBytes(file);

    Sequential second = model(2, 4, 3, 1);
    // The crash comes after part of the new file is on disk: truncate it, then fail.
    assertThatThrownBy(() -> ModelFile.save(second, file, temporary -> {
      try (var channel = Files.newByteChannel(temporary, java.nio.file.StandardOpenOption.WRITE)) {
        channel.truncate(Files.size(temporary) / 2);
      }
      throw new IOException("disk full (simulated)");
    }))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("disk full (simulated)")
        .hasMessageContaining("previous file is unchanged");

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    Matrix x = randomInput(4, 3, 3);
    assertThat(ModelFile.load(file).predict(x)).isEqualTo(first.predict(x));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("keep.h5");
    }
  }

  @Test
  void savingALayerOfAnUnregisteredTypeFailsBeforeTouchingTheFile() throws IOException {
    Path file = dir.resolve("keep.h5");
    ModelFile.save(model(1, 4, 3, 1), file);
    byte[] before = Files.readAllBytes(file);
    Activation square = new Activation() {
      @Override
      public double apply(double z) {
        return z * z;
      }

      @Override
      public double derivative(double z, double a) {
        return 2 * z;
      }
    };
    Sequential unsaveable = Sequential.of(new Dense(4, 1), square);
    assertThatThrownBy(() -> ModelFile.save(unsaveable, file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no registered layer type")
        .hasMessageContaining("Dense");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  // ---- bad files, each with its own clear message ----

  @Test
  void missingFile() {
    Path file = dir.resolve("nothing.h5");
    assertThatThrownBy(() -> ModelFile.load(file))
        .isInstanceOf(ModelFormatException.class)
        .hasMessage(file + ": no such model file");
  }

  @Test
  void fileThatIsNotHdf5() throws IOException {
    Path file = dir.resolve("notes.h5");
    Files.writeString(file, "these are not the weights you are looking for\n".repeat(20));
    assertThatThrownBy(() -> ModelFile.load(file))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageStartingWith(file + ": not a readable HDF5 file");
  }

  @Test
  void truncatedFile() throws IOException {
    Path good = dir.resolve("good.h5");
    ModelFile.save(model(1, 300, 20, 1), good);
    byte[] bytes = Files.readAllBytes(good);
    for (int keep : new int[] {bytes.length / 2, bytes.length - 100, 40}) {
      Path file = dir.resolve("truncated-" + keep + ".h5");
      Files.write(file, Arrays.copyOf(bytes, keep));
      assertThatThrownBy(() -> ModelFile.load(file))
          .as("truncated to %d of %d bytes", keep, bytes.length)
          .isInstanceOf(ModelFormatException.class)
          .hasMessageStartingWith(file + ": ")
          .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("truncated", "not a readable HDF5"));
    }
  }

  @Test
  void corruptParameterValuesAreCaughtByTheChecksum() throws IOException {
    Sequential original = model(1, 8, 3, 1);
    Path file = dir.resolve("flipped.h5");
    ModelFile.save(original, file);
    byte[] bytes = Files.readAllBytes(file);
    // Find W2's first value (little-endian double, as jhdf stores it) and damage one bit of it.
    double target = original.parameters().get(2).value().data()[0];
    byte[] pattern = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(target).array();
    int at = indexOf(bytes, pattern);
    assertThat(at).as("W2[0][0] is stored in the file").isNotNegative();
    bytes[at] ^= 0x01;
    Files.write(file, bytes);

    assertThatThrownBy(() -> ModelFile.load(file))
        .isInstanceOf(ModelFormatException.class)
        .hasMessage(file + ": dataset 'W2' (1x3) does not match its crc32 checksum; the file is corrupt");
  }

  @Test
  void courseLayoutShapesThatDoNotChain() {
    Path file = dir.resolve("unchained.h5");
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      hdf.putDataset("W1", new double[4][3]);
      hdf.putDataset("b1", new double[4][1]);
      hdf.putDataset("W2", new double[1][5]);
      hdf.putDataset("b2", new double[1][1]);
    }
    assertThatThrownBy(() -> ModelFile.loadWeights(file, Networks.reluSigmoid(3, 4, 1)))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageStartingWith(file + ": the shapes do not chain")
        .hasMessageContaining("'W1' is 4x3")
        .hasMessageContaining("'W2' is 1x5");
  }

  @Test
  void courseLayoutOfAnotherArchitecture() {
    Path file = dir.resolve("other.h5");
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      hdf.putDataset("W1", new double[4][3]);
      hdf.putDataset("b1", new double[4][1]);
      hdf.putDataset("W2", new double[1][4]);
      hdf.putDataset("b2", new double[1][1]);
    }
    assertThatThrownBy(() -> ModelFile.loadWeights(file, Networks.reluSigmoid(3, 5, 1)))
        .isInstanceOf(ModelFormatException.class)
        .hasMessage(file + ": dataset 'W1' has shape 4x3, expected 5x3 for layer 1 Dense(in=3, out=5) (W 5x3);"
            + " the file has W1 4x3, b1 4x1, W2 1x4, b2 1x1");
    assertThatThrownBy(() -> ModelFile.loadWeights(file, Networks.reluSigmoid(3, 4, 1, 1)))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("has no dataset 'W3' for layer 5 Dense(in=1, out=1)");
    assertThatThrownBy(() -> ModelFile.loadWeights(file, Networks.reluSigmoid(3, 4)))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("dataset(s) [W2, b2] are not used by the architecture");
  }

  @Test
  void newerFormatVersion() {
    Path file = writeJdnnFile("newer.h5", 2, validArchitecture());
    assertThatThrownBy(() -> ModelFile.load(file))
        .isInstanceOf(ModelFormatException.class)
        .hasMessage(file + ": model format version 2 is not supported; this jdnn reads versions 1 to 1");
  }

  @Test
  void architectureThatIsNotJson() {
    Path file = writeJdnnFile("broken-json.h5", 1, "{\"layers\": [{\"type\": \"Dense\", ");
    assertThatThrownBy(() -> ModelFile.load(file))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageStartingWith(file + ": attribute 'jdnn_architecture' is not valid JSON");
  }

  @Test
  void architectureWithAnUnknownLayerType() {
    Path file = writeJdnnFile("unknown.h5", 1,
        "{\"layers\":[{\"type\":\"Dense\",\"in\":3,\"out\":2},{\"type\":\"Swish\"}]}");
    assertThatThrownBy(() -> ModelFile.load(file))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("layer 2")
        .hasMessageContaining("'Swish' is not registered")
        // the registered names, whatever else later modules add before or between them
        .hasMessageFindingMatch("registered: \\[(.*, )?Dense, .*ReLU, .*Sigmoid");
  }

  @Test
  void architectureWhoseLayersDoNotChain() {
    Path file = writeJdnnFile("arch-chain.h5", 1,
        "{\"layers\":[{\"type\":\"Dense\",\"in\":3,\"out\":2},{\"type\":\"Dense\",\"in\":4,\"out\":1}]}");
    assertThatThrownBy(() -> ModelFile.load(file))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining(file + ": the layers of 'jdnn_architecture' do not chain")
        .hasMessageContaining("Dense(in=4, out=1) takes 4 features, got 2");
  }

  @Test
  void architectureWithAMissingSetting() {
    Path file = writeJdnnFile("no-out.h5", 1, "{\"layers\":[{\"type\":\"Dense\",\"in\":3}]}");
    assertThatThrownBy(() -> ModelFile.load(file))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("Dense needs the setting 'out'");
  }

  @Test
  void parameterWithANonFiniteValue() {
    Path file = dir.resolve("nan.h5");
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      hdf.putDataset("W1", new double[][] {{1, 2}, {Double.NaN, 4}});
      hdf.putDataset("b1", new double[2][1]);
    }
    assertThatThrownBy(() -> ModelFile.loadWeights(file, Sequential.of(new Dense(2, 2))))
        .isInstanceOf(ModelFormatException.class)
        .hasMessage(file + ": dataset 'W1' holds NaN at row 1, column 0; expected finite numbers");
  }

  @Test
  void hasArchitectureTellsModelFilesFromParameterFiles() {
    Path model = dir.resolve("m.h5");
    ModelFile.save(model(1, 3, 1), model);
    Path weights = dir.resolve("w.h5");
    try (WritableHdfFile hdf = HdfFile.write(weights)) {
      hdf.putDataset("W1", new double[1][3]);
    }
    assertThat(ModelFile.hasArchitecture(model)).isTrue();
    assertThat(ModelFile.hasArchitecture(weights)).isFalse();
  }

  private static String validArchitecture() {
    return "{\"layers\":[{\"type\":\"Dense\",\"in\":3,\"out\":1},{\"type\":\"Sigmoid\"}]}";
  }

  private Path writeJdnnFile(String name, int version, String architecture) {
    Path file = dir.resolve(name);
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      hdf.putAttribute(ModelFile.VERSION_ATTRIBUTE, version);
      hdf.putAttribute(ModelFile.ARCHITECTURE_ATTRIBUTE, architecture);
      hdf.putDataset("W1", new double[1][3]);
      hdf.putDataset("b1", new double[1][1]);
    }
    return file;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
