package io.jdnn.examples.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.data.io.FaultCases;
import io.jdnn.data.model.ModelFile;
import io.jdnn.data.model.ModelFormatException;
import io.jdnn.layers.Networks;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged jdnn model files: truncated at many offsets, random bits flipped, zero length, and
 * well-formed HDF5 with the wrong datasets or attributes. Each load ends in a
 * {@link ModelFormatException} naming the file, or (for a flip in bytes nothing reads) in exactly
 * the model that was saved: a model file never loads as different numbers.
 */
class ModelFileFaultsTest {
  @TempDir
  static Path tmp;

  private static Sequential model() {
    return Networks.reluSigmoid(12, 5, 3, 1).initialize(Initializer.LECUN, new NumpyRandom(4));
  }

  private static byte[] saved() {
    Path file = tmp.resolve("reference.h5");
    ModelFile.save(model(), file);
    return FaultCases.bytes(file);
  }

  private static Sequential load(String name, Path file) {
    return FaultCases.run(name, file, ModelFormatException.class, () -> ModelFile.load(file));
  }

  private static void requireSameAsSaved(String name, Sequential loaded) {
    Sequential original = model();
    assertThat(loaded.toString()).as(name).isEqualTo(original.toString());
    List<Parameter> a = original.parameters();
    List<Parameter> b = loaded.parameters();
    assertThat(b).hasSameSizeAs(a);
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).value()).as(name + ": " + a.get(i)).isEqualTo(a.get(i).value());
    }
  }

  @TestFactory
  Stream<DynamicTest> truncatedModelFiles() {
    byte[] whole = saved();
    List<DynamicTest> tests = new ArrayList<>();
    for (int n = 0; n < whole.length; n += Math.max(1, whole.length / 200)) {
      int length = n;
      String name = "model cut to " + length + " of " + whole.length + " bytes";
      tests.add(dynamicTest(name, () -> {
        Path file = FaultCases.write(tmp, "cut-" + length + ".h5", Arrays.copyOf(whole, length));
        assertThat(load(name, file)).as(name + ": a file missing bytes must not load").isNull();
      }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> modelFilesWithFlippedBits() {
    byte[] whole = saved();
    SplittableRandom rng = new SplittableRandom(65);
    List<DynamicTest> tests = new ArrayList<>();
    for (int c = 0; c < 200; c++) {
      int position = rng.nextInt(whole.length);
      int mask = 1 << rng.nextInt(8);
      String name = "model with a bit flipped at byte " + position;
      int id = c;
      tests.add(dynamicTest(name, () -> {
        byte[] damaged = whole.clone();
        damaged[position] ^= (byte) mask;
        Path file = FaultCases.write(tmp, "flip-" + id + ".h5", damaged);
        Sequential loaded = load(name, file);
        if (loaded != null) {
          requireSameAsSaved(name, loaded); // the CRC-32 on each dataset catches changed numbers
        }
      }));
    }
    return tests.stream();
  }

  private static Path writeWith(String name, Consumer<WritableHdfFile> content) {
    Path file = tmp.resolve(name + ".h5");
    try (WritableHdfFile h5 = HdfFile.write(file)) {
      content.accept(h5);
    }
    return file;
  }

  @TestFactory
  Stream<DynamicTest> wellFormedFilesWithTheWrongContent() {
    List<DynamicTest> tests = new ArrayList<>();
    Path good = tmp.resolve("good.h5");
    ModelFile.save(model(), good);
    String json;
    try (HdfFile h = new HdfFile(good)) {
      json = (String) h.getAttribute(ModelFile.ARCHITECTURE_ATTRIBUTE).getData();
    }
    List<Object[]> variants = new ArrayList<>();
    variants.add(new Object[] {"no attributes, no datasets", (Consumer<WritableHdfFile>) h -> h.putDataset("x",
        new double[] {1})});
    variants.add(new Object[] {"a newer format version", (Consumer<WritableHdfFile>) h -> {
      h.putAttribute(ModelFile.VERSION_ATTRIBUTE, 99);
      h.putAttribute(ModelFile.ARCHITECTURE_ATTRIBUTE, json);
    }});
    variants.add(new Object[] {"architecture that is not JSON", (Consumer<WritableHdfFile>) h -> {
      h.putAttribute(ModelFile.VERSION_ATTRIBUTE, ModelFile.FORMAT_VERSION);
      h.putAttribute(ModelFile.ARCHITECTURE_ATTRIBUTE, "{\"layers\": [ {\"type\": ");
    }});
    variants.add(new Object[] {"an unknown layer type", (Consumer<WritableHdfFile>) h -> {
      h.putAttribute(ModelFile.VERSION_ATTRIBUTE, ModelFile.FORMAT_VERSION);
      h.putAttribute(ModelFile.ARCHITECTURE_ATTRIBUTE, json.replace("ReLU", "Teleport"));
    }});
    variants.add(new Object[] {"architecture without its weights", (Consumer<WritableHdfFile>) h -> {
      h.putAttribute(ModelFile.VERSION_ATTRIBUTE, ModelFile.FORMAT_VERSION);
      h.putAttribute(ModelFile.ARCHITECTURE_ATTRIBUTE, json);
    }});
    variants.add(new Object[] {"W1 of the wrong shape", (Consumer<WritableHdfFile>) h -> {
      h.putAttribute(ModelFile.VERSION_ATTRIBUTE, ModelFile.FORMAT_VERSION);
      h.putAttribute(ModelFile.ARCHITECTURE_ATTRIBUTE, json);
      h.putDataset("W1", new double[4][12]);
    }});
    variants.add(new Object[] {"weights as strings", (Consumer<WritableHdfFile>) h -> {
      h.putAttribute(ModelFile.VERSION_ATTRIBUTE, ModelFile.FORMAT_VERSION);
      h.putAttribute(ModelFile.ARCHITECTURE_ATTRIBUTE, json);
      h.putDataset("W1", new String[] {"not", "numbers"});
    }});
    variants.add(new Object[] {"architecture as a number", (Consumer<WritableHdfFile>) h -> {
      h.putAttribute(ModelFile.VERSION_ATTRIBUTE, ModelFile.FORMAT_VERSION);
      h.putAttribute(ModelFile.ARCHITECTURE_ATTRIBUTE, 42);
    }});
    for (Object[] v : variants) {
      String name = (String) v[0];
      @SuppressWarnings("unchecked")
      Consumer<WritableHdfFile> content = (Consumer<WritableHdfFile>) v[1];
      tests.add(dynamicTest(name, () -> {
        Path file = writeWith(name.replace(' ', '-'), content);
        assertThat(load(name, file)).as(name).isNull();
      }));
    }
    Path empty = FaultCases.write(tmp, "empty.h5", new byte[0]);
    tests.add(dynamicTest("zero-length model file", () -> assertThat(load("empty", empty)).isNull()));
    Path missing = tmp.resolve("missing.h5");
    tests.add(dynamicTest("missing model file", () -> assertThat(load("missing", missing)).isNull()));
    return tests.stream();
  }
}
