package io.jdnn.data.checkpoint;

import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.state.TrainingState;
import java.nio.file.Path;

/**
 * A checkpoint as {@link CheckpointFile#read} gives it back.
 *
 * @param file where it was read from
 * @param model the model of the checkpoint's moment, rebuilt from the file's architecture, with
 *     its weights (what {@code ModelFile.load} gives for the same file)
 * @param state the whole training state, the weights included (entries {@code model.W1, ...}),
 *     for {@code Trainer.resumeFrom}
 *
 * <pre>{@code
 * Checkpoint c = CheckpointFile.read(Path.of("run.ckpt.h5"));
 * trainer.resumeFrom(c.state()).train(x, y, epochs);
 * }</pre>
 */
public record Checkpoint(Path file, Sequential model, TrainingState state) {}
