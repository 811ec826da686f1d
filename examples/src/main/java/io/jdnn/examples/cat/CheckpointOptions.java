package io.jdnn.examples.cat;

import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.Trainer;
import io.jdnn.core.training.state.TrainingState;
import io.jdnn.data.checkpoint.Checkpoint;
import io.jdnn.data.checkpoint.CheckpointFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code train}'s options for runs that survive a kill: {@code --checkpoint FILE} writes the whole
 * training state every {@code --checkpoint-every N} epochs (iterations with the full batch) and at
 * the end; {@code --resume FILE} continues such a run, printing from there on exactly the lines the
 * uninterrupted run prints.
 *
 * <p>A checkpoint also records the command's options and a fingerprint of the images. Resuming
 * with an option that changes what is trained or printed set otherwise (every option but those in
 * {@link #FREE}), or with other images, is a usage mistake naming the option.
 *
 * <pre>
 * jdnn-cat train --checkpoint run.h5 --checkpoint-every 50
 * jdnn-cat train --checkpoint run.h5 --checkpoint-every 50 --resume run.h5   # after a kill
 * </pre>
 */
final class CheckpointOptions {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointOptions.class);
  /** Options that change neither the training nor its printed lines: a resumed run may set them otherwise. */
  static final Set<String> FREE = Set.of("--checkpoint", "--checkpoint-every", "--resume", "--save", "--report",
      "--data", "--help", "--version", "--quiet", "--verbose");
  /** Where the options go in a checkpoint's state. */
  private static final String SCOPE = "cli";

  @Option(names = "--checkpoint", paramLabel = "FILE",
      description = "Write the whole training state to this HDF5 file every --checkpoint-every epochs and at the end"
          + " (atomically: a kill leaves the previous checkpoint whole); continue it with --resume.")
  Path checkpoint;

  @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "100",
      description = "Epochs between checkpoints; with the full batch an epoch is an iteration (default: ${DEFAULT-VALUE}).")
  int every;

  @Option(names = "--resume", paramLabel = "FILE",
      description = "Continue the run saved in this checkpoint, given the same options; prints what the"
          + " uninterrupted run prints from there on.")
  Path resume;

  /** Usage mistakes, before anything is loaded. */
  void validate(CommandSpec spec) {
    if (every < 1) {
      throw new ParameterException(spec.commandLine(), "--checkpoint-every must be at least 1 epoch, got " + every);
    }
    if (checkpoint != null && Files.isDirectory(checkpoint)) {
      throw new ParameterException(spec.commandLine(), "--checkpoint " + checkpoint + " is a folder, expected a file name");
    }
  }

  /**
   * The checkpoint to resume, read and checked against this command's options; null without
   * {@code --resume}. A damaged file is a {@code CheckpointFormatException} (exit 1).
   */
  Checkpoint read(CommandSpec spec) {
    if (resume == null) {
      return null;
    }
    Checkpoint checkpoint = CheckpointFile.read(resume);
    TrainingState saved = checkpoint.state().scope(SCOPE);
    for (Map.Entry<String, String> option : options(spec).entrySet()) {
      if (!saved.contains(option.getKey())) {
        LOG.debug("{} does not record {}; taken as unchanged", resume, option.getKey());
        continue;
      }
      String was = saved.text(option.getKey());
      if (!was.equals(option.getValue())) {
        throw new ParameterException(spec.commandLine(), "--resume " + resume + " continues a run with "
            + option.getKey() + " " + was + ", not " + option.getValue() + "; give the options of that run");
      }
    }
    return checkpoint;
  }

  /**
   * Makes {@code trainer} resume {@code checkpoint} (if not null; refused when {@code cats} are
   * other images than the checkpoint's run trained on) and write checkpoints (with
   * {@code --checkpoint}).
   */
  void attach(CommandSpec spec, Trainer trainer, Sequential model, TrainingData data, String dir, Checkpoint checkpoint) {
    if (checkpoint == null && this.checkpoint == null) {
      return;
    }
    String fingerprint = data.test == null ? TrainingState.fingerprint(data.train.x(), data.train.y())
        : TrainingState.fingerprint(data.train.x(), data.train.y(), data.test.x(), data.test.y());
    if (checkpoint != null) {
      TrainingState saved = checkpoint.state().scope(SCOPE);
      if (saved.contains("data") && !saved.text("data").equals(fingerprint)) {
        throw new ParameterException(spec.commandLine(), "--data " + dir + " holds other data than the run in "
            + resume + " was trained on");
      }
      trainer.resumeFrom(checkpoint.state());
      LOG.info("resuming from {} after iteration {}", resume, checkpoint.state().scope("trainer").getLong("iterations"));
    }
    if (this.checkpoint != null) {
      Map<String, String> options = options(spec);
      trainer.checkpoints(every, (state, epoch) -> {
        TrainingState cli = state.scope(SCOPE);
        options.forEach(cli::putText);
        cli.putText("data", fingerprint);
        long start = System.nanoTime();
        CheckpointFile.write(this.checkpoint, model, state);
        LOG.debug("checkpoint after epoch {} written to {} in {} ms", epoch, this.checkpoint,
            (System.nanoTime() - start) / 1_000_000);
      });
    }
  }

  /** The command's options that a resumed run must repeat, by name, as text. */
  private static Map<String, String> options(CommandSpec spec) {
    Map<String, String> options = new LinkedHashMap<>();
    for (OptionSpec option : spec.options()) {
      String name = option.longestName();
      if (FREE.contains(name) || option.usageHelp() || option.versionHelp()) {
        continue;
      }
      Object value = option.getValue();
      options.put(name, value instanceof int[] a ? Arrays.toString(a).replaceAll("[\\[\\] ]", "")
          : value == null ? "(not given)" : String.valueOf(value));
    }
    return options;
  }
}
