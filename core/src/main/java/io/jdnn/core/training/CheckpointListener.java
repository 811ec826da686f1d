package io.jdnn.core.training;

import io.jdnn.core.training.state.TrainingState;

/**
 * Receives the whole state of a training run at the checkpoints a {@link Trainer} was asked for
 * ({@link Trainer#checkpoints}): after every N-th epoch and once when training ends. Writing it to
 * a file is the listener's job, e.g. {@code io.jdnn.data.checkpoint.CheckpointFile.write}.
 *
 * <p>The state is a snapshot (copies), taken between epochs; the listener may keep it. An
 * exception thrown here stops training and reaches the caller of {@code fit}.
 *
 * <pre>{@code
 * trainer.checkpoints(10, state -> CheckpointFile.write(Path.of("run.ckpt.h5"), model, state));
 * }</pre>
 */
@FunctionalInterface
public interface CheckpointListener {

  /** Called with the run's state after epoch {@code epoch} (0 for the first). */
  void onCheckpoint(TrainingState state, int epoch);
}
