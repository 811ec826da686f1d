package io.jdnn.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import io.jdnn.core.nn.Initializer;
import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.History;
import io.jdnn.core.training.state.IncompatibleStateException;
import io.jdnn.core.training.Optimizer;
import io.jdnn.core.training.Trainer;
import io.jdnn.core.training.state.TrainingState;
import io.jdnn.data.checkpoint.CheckpointFile;
import io.jdnn.layers.Networks;
import io.jdnn.losses.BinaryCrossEntropy;
import io.jdnn.optim.Adam;
import io.jdnn.optim.InverseTimeDecay;
import io.jdnn.optim.Momentum;
import io.jdnn.optim.SGD;
import io.jdnn.optim.StepDecay;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's guarantee: a run resumed from any of its checkpoints ends exactly as the
 * uninterrupted run (every cost, every epoch summary, early stopping's decision, the weights, bit
 * for bit), for Adam with a step schedule on shuffled mini-batches with dropout, L2, a validation
 * split and early stopping; momentum with an inverse-time schedule on the full batch; plain SGD.
 */
class TrainerCheckpointTest {
  private static final Matrix X = inputs();
  private static final Matrix Y = labels(X);

  @TempDir
  Path tmp;

  /** 12 features, 80 examples of a noisy rule, so that the 12-6-4-1 network overfits and stops early. */
  private static Matrix inputs() {
    NumpyRandom rng = new NumpyRandom(11);
    Matrix x = Matrix.zeros(12, 80);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = rng.nextGaussian();
    }
    return x;
  }

  private static Matrix labels(Matrix x) {
    NumpyRandom noise = new NumpyRandom(12);
    Matrix y = Matrix.zeros(1, x.cols());
    for (int j = 0; j < x.cols(); j++) {
      double s = x.get(0, j) + x.get(1, j) - x.get(2, j) + 0.8 * noise.nextGaussian();
      y.set(0, j, s > 0 ? 1 : 0);
    }
    return y;
  }

  /** A model and a trainer configured from scratch, as a restarted program would. */
  private record Setup(Sequential model, Trainer trainer, List<Integer> iterations) {}

  private static Setup adamSetup() {
    Sequential model = Networks.reluSigmoidWithDropout(0.8, 3, 12, 6, 4, 1)
        .initialize(Initializer.LECUN, new NumpyRandom(2));
    List<Integer> seen = new ArrayList<>();
    Trainer trainer = new Trainer(model, new BinaryCrossEntropy(), new Adam(new StepDecay(0.02, 0.5, 40)))
        .batchSize(8).shuffleSeed(5).l2(0.3).validationSplit(0.25, 7).earlyStopping(4)
        .listener((i, cost) -> seen.add(i));
    return new Setup(model, trainer, seen);
  }

  private static Setup momentumSetup() {
    Sequential model = Networks.reluSigmoid(12, 6, 1).initialize(Initializer.HE, new NumpyRandom(3));
    List<Integer> seen = new ArrayList<>();
    Trainer trainer = new Trainer(model, new BinaryCrossEntropy(), new Momentum(new InverseTimeDecay(0.05, 1, 10), 0.9))
        .listener((i, cost) -> seen.add(i));
    return new Setup(model, trainer, seen);
  }

  private static Setup sgdSetup() {
    Sequential model = Networks.reluSigmoid(12, 4, 1).initialize(Initializer.LECUN, new NumpyRandom(4));
    List<Integer> seen = new ArrayList<>();
    Trainer trainer = new Trainer(model, new BinaryCrossEntropy(), new SGD(0.1)).batchSize(16).shuffleSeed(9)
        .listener((i, cost) -> seen.add(i));
    return new Setup(model, trainer, seen);
  }

  @Test
  void adamWithDropoutL2ValidationAndEarlyStoppingResumesExactlyFromEveryCheckpoint() {
    History reference = resumesExactly(TrainerCheckpointTest::adamSetup, 200);
    assertThat(reference.stoppedEarly()).as("the run stops early, so early stopping's state is exercised").isTrue();
    assertThat(reference.epochs().size() - 1 - reference.bestEpoch()).isEqualTo(4);
  }

  @Test
  void momentumOnTheFullBatchResumesExactlyFromEveryCheckpoint() {
    assertThat(resumesExactly(TrainerCheckpointTest::momentumSetup, 30).costs()).hasSize(30);
  }

  @Test
  void sgdOnMiniBatchesResumesExactlyFromEveryCheckpoint() {
    assertThat(resumesExactly(TrainerCheckpointTest::sgdSetup, 12).costs()).hasSize(12 * 5);
  }

  /** Trains once with a checkpoint after every epoch, then resumes from each; returns the reference. */
  private History resumesExactly(java.util.function.Supplier<Setup> setups, int epochs) {
    Setup first = setups.get();
    List<TrainingState> states = new ArrayList<>();
    History reference = first.trainer().checkpoints(1, (state, epoch) -> states.add(state)).fit(X, Y, epochs);
    assertThat(states).as("one checkpoint per epoch, the last one at the end").hasSize(reference.epochs().size());
    for (int k = 0; k < states.size(); k++) {
      Setup again = setups.get();
      TrainingState state = k == states.size() / 2 ? throughAFile(states.get(k), again.model()) : states.get(k);
      History resumed = again.trainer().resumeFrom(state).fit(X, Y, epochs);
      String at = "resumed after epoch " + k;
      assertThat(resumed.costs()).as(at).containsExactly(reference.costs());
      assertThat(resumed.epochs()).as(at).isEqualTo(reference.epochs());
      assertThat(resumed.bestEpoch()).as(at).isEqualTo(reference.bestEpoch());
      assertThat(resumed.stoppedEarly()).as(at).isEqualTo(reference.stoppedEarly());
      assertSameWeights(again.model(), first.model(), at);
      long done = reference.epochs().get(k).iterations();
      assertThat(again.iterations()).as(at + ": the listener hears only the iterations after the checkpoint")
          .containsExactlyElementsOf(first.iterations().subList((int) done, first.iterations().size()));
    }
    return reference;
  }

  /** The state written to a checkpoint file and read back, as a restarted program gets it. */
  private TrainingState throughAFile(TrainingState state, Sequential model) {
    Path file = tmp.resolve("run.ckpt.h5");
    // The file's model part is the model at that moment: give the (fresh) model the state's weights.
    TrainingState weights = state.scope("model");
    for (var e : model.namedTensors().entrySet()) {
      weights.readMatrix(e.getKey(), e.getValue().value());
    }
    CheckpointFile.write(file, model, state);
    return CheckpointFile.read(file, model).state();
  }

  private static void assertSameWeights(Sequential a, Sequential b, String what) {
    List<Parameter> pa = a.parameters();
    List<Parameter> pb = b.parameters();
    for (int i = 0; i < pa.size(); i++) {
      assertThat(pa.get(i).value().data()).as(what + ": " + pa.get(i)).containsExactly(pb.get(i).value().data());
    }
  }

  @Test
  void resumingWithAnotherSettingIsRefusedNamingIt() {
    List<TrainingState> states = new ArrayList<>();
    adamSetup().trainer().checkpoints(5, (state, epoch) -> states.add(state)).fit(X, Y, 5);
    Setup other = adamSetup();
    other.trainer().l2(0.4).resumeFrom(states.get(0));
    assertThatThrownBy(() -> other.trainer().fit(X, Y, 5)).isInstanceOf(IncompatibleStateException.class)
        .hasMessageContaining("trainer.settings.l2").hasMessageContaining("0.3").hasMessageContaining("0.4");
    Setup otherData = adamSetup();
    Matrix y = Y.copy();
    y.set(0, 0, 1 - y.get(0, 0));
    otherData.trainer().resumeFrom(states.get(0));
    assertThatThrownBy(() -> otherData.trainer().fit(X, y, 5)).isInstanceOf(IncompatibleStateException.class)
        .hasMessageContaining("trainer.settings.data");
  }

  @Test
  void checkpointsNeedAnOptimizerThatSavesItsState() {
    Sequential model = Networks.reluSigmoid(12, 1).initialize(Initializer.LECUN, new NumpyRandom(1));
    Optimizer plain = parameters -> { };
    Trainer trainer = new Trainer(model, new BinaryCrossEntropy(), plain);
    assertThatThrownBy(() -> trainer.checkpoints(1, (state, epoch) -> { }))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("Stateful");
  }

  /**
   * A checkpoint written by format version 1 (after epoch 2 of the Adam run above) must keep
   * loading and resuming as the uninterrupted run, whatever changes later: it is committed, never
   * regenerated.
   */
  @Test
  void aVersion1CheckpointStillLoadsAndResumes() throws Exception {
    Path golden = Path.of(TrainerCheckpointTest.class.getResource("/checkpoints/v1-adam-dropout-early-stopping.h5")
        .toURI());
    Setup fresh = adamSetup();
    History reference = fresh.trainer().fit(X, Y, 200);
    Setup resumed = adamSetup();
    TrainingState state = CheckpointFile.read(golden, resumed.model()).state();
    assertThat(state.scope("trainer").getLong("epochs")).isEqualTo(3);
    assertThat(state.scope("trainer").doubles("costs")).hasSize(3 * 8)
        .containsExactly(java.util.Arrays.copyOf(reference.costs(), 3 * 8));
    History history = resumed.trainer().resumeFrom(state).fit(X, Y, 200);
    assertThat(history.costs()).containsExactly(reference.costs());
    assertThat(history.epochs()).isEqualTo(reference.epochs());
    assertSameWeights(resumed.model(), fresh.model(), "resumed from the golden checkpoint");
  }
}
