package io.jdnn.data.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.state.TrainingState;
import io.jdnn.core.training.state.TrainingState.Doubles;
import io.jdnn.core.training.state.TrainingState.Entry;
import io.jdnn.core.training.state.TrainingState.Longs;
import io.jdnn.data.io.AtomicFiles;
import io.jdnn.data.model.ModelFile;
import io.jdnn.layers.Networks;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {
  @TempDir
  Path tmp;

  static Sequential model() {
    return Networks.reluSigmoidWithDropout(0.8, 3, 6, 4, 1).initialize(Initializer.LECUN, new NumpyRandom(4));
  }

  /** A state of every kind of entry, as a trainer would hand it over for {@code model}. */
  static TrainingState state(Sequential model) {
    TrainingState state = new TrainingState();
    for (Map.Entry<String, Parameter> e : model.namedTensors().entrySet()) {
      state.scope("model").putMatrix(e.getKey(), e.getValue().value());
    }
    state.scope("optimizer").putLong("t", 17);
    state.scope("optimizer").putMatrix("m.0", Matrix.of(1, 3, new double[] {1e-300, -0.0, Double.NaN}));
    state.scope("trainer").putDoubles("costs", 0.7, 0.65, 0.6125);
    state.scope("trainer").putSetting("optimizer", "Adam(learningRate=constant(1.0E-4))");
    state.putRandom("layer3.rng", new NumpyRandom(4));
    state.scope("cli").putText("--layers", "6,4,1 \u00e9");
    return state;
  }

  static void assertSameEntries(TrainingState actual, TrainingState expected, String what) {
    Map<String, Entry> a = actual.entries();
    Map<String, Entry> e = expected.entries();
    assertThat(a.keySet()).as(what).containsExactlyInAnyOrderElementsOf(e.keySet());
    for (String name : e.keySet()) {
      Entry x = a.get(name);
      Entry y = e.get(name);
      if (y instanceof Doubles d) {
        assertThat(x).as(what + ": " + name).isInstanceOf(Doubles.class);
        Doubles c = (Doubles) x;
        assertThat(c.shape()).as(what + ": " + name).isEqualTo(d.shape());
        long[] bits = Arrays.stream(c.values()).mapToLong(Double::doubleToRawLongBits).toArray();
        assertThat(bits).as(what + ": " + name)
            .containsExactly(Arrays.stream(d.values()).mapToLong(Double::doubleToRawLongBits).toArray());
      } else if (y instanceof Longs l) {
        assertThat(((Longs) x).values()).as(what + ": " + name).containsExactly(l.values());
      } else {
        assertThat(x).as(what + ": " + name).isEqualTo(y);
      }
    }
  }

  @Test
  void aCheckpointComesBackWholeAndOpensAsAModel() throws Exception {
    Sequential model = model();
    TrainingState state = state(model);
    Path file = tmp.resolve("run.ckpt.h5");
    CheckpointFile.write(file, model, state);
    Checkpoint read = CheckpointFile.read(file, model());
    assertSameEntries(read.state(), state, "read back");
    assertThat(read.model().toString()).isEqualTo(model.toString());
    Sequential asModel = ModelFile.load(file);
    for (int i = 0; i < model.parameters().size(); i++) {
      assertThat(asModel.parameters().get(i).value().data()).containsExactly(model.parameters().get(i).value().data());
    }
    assertThat(AtomicFiles.temporaries(file)).as("no temporary file left").isEmpty();
    try (HdfFile hdf = new HdfFile(file)) {
      assertThat(hdf.getChild(CheckpointFile.GROUP).getAttribute(CheckpointFile.VERSION_ATTRIBUTE).getData())
          .isEqualTo(CheckpointFile.FORMAT_VERSION);
    }
  }

  @Test
  void aStateWhoseWeightsAreNotTheModelsIsNotWritten() {
    Sequential model = model();
    TrainingState state = state(model);
    model.parameters().get(0).value().set(0, 0, 42);
    Path file = tmp.resolve("run.ckpt.h5");
    assertThatThrownBy(() -> CheckpointFile.write(file, model, state)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model.W1");
    assertThat(file).doesNotExist();
  }

  @Test
  void aCheckpointOfAnotherArchitectureIsRefusedNamingBoth() {
    Sequential model = model();
    Path file = tmp.resolve("run.ckpt.h5");
    CheckpointFile.write(file, model, state(model));
    Sequential other = Networks.reluSigmoid(6, 5, 1);
    assertThatThrownBy(() -> CheckpointFile.read(file, other)).isInstanceOf(CheckpointFormatException.class)
        .hasMessageStartingWith(file + ": is a checkpoint of " + model).hasMessageContaining("not of " + other);
  }

  @Test
  void aModelFileIsNotACheckpoint() {
    Path file = tmp.resolve("model.h5");
    ModelFile.save(model(), file);
    assertThatThrownBy(() -> CheckpointFile.read(file)).isInstanceOf(CheckpointFormatException.class)
        .hasMessage(file + ": not a checkpoint: it has no group 'jdnn_checkpoint' (a model file? --resume takes a file"
            + " written by --checkpoint)");
    assertThatThrownBy(() -> CheckpointFile.read(tmp.resolve("none.h5"))).isInstanceOf(CheckpointFormatException.class)
        .hasMessageEndingWith("none.h5: no such checkpoint file");
  }

  @Test
  void aNewerFormatIsRefusedSayingWhichVersionsAreRead() {
    Path file = tmp.resolve("future.h5");
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      ModelFile.writeInto(hdf, model());
      WritableGroup group = hdf.putGroup(CheckpointFile.GROUP);
      group.putAttribute(CheckpointFile.VERSION_ATTRIBUTE, 99);
    }
    assertThatThrownBy(() -> CheckpointFile.read(file)).isInstanceOf(CheckpointFormatException.class)
        .hasMessageContaining("checkpoint format version 99 is not supported").hasMessageContaining("1 to 1");
  }
}
