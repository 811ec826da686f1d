package io.jdnn.data.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.state.TrainingState;
import io.jdnn.data.io.FaultCases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged checkpoints: cut at many offsets and with random bits flipped. Each read ends in a
 * {@link CheckpointFormatException} naming the file, or (a flip in bytes nothing reads) in exactly
 * the state that was written: a checkpoint never resumes a run from different numbers.
 */
class CheckpointFileFaultsTest {
  @TempDir
  static Path tmp;

  private static byte[] written() {
    Sequential model = CheckpointFileTest.model();
    Path file = tmp.resolve("reference.ckpt.h5");
    CheckpointFile.write(file, model, CheckpointFileTest.state(model));
    return FaultCases.bytes(file);
  }

  private static Checkpoint read(String name, Path file) {
    return FaultCases.run(name, file, CheckpointFormatException.class, () -> CheckpointFile.read(file));
  }

  @TestFactory
  Stream<DynamicTest> truncatedCheckpoints() {
    byte[] whole = written();
    List<DynamicTest> tests = new ArrayList<>();
    for (int n = 0; n < whole.length; n += Math.max(1, whole.length / 120)) {
      int length = n;
      String name = "checkpoint cut to " + length + " of " + whole.length + " bytes";
      tests.add(dynamicTest(name, () -> {
        Path file = FaultCases.write(tmp, "cut-" + length + ".h5", Arrays.copyOf(whole, length));
        assertThat(read(name, file)).as(name + ": a file missing bytes must not be read").isNull();
      }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> checkpointsWithFlippedBits() {
    byte[] whole = written();
    Sequential model = CheckpointFileTest.model();
    TrainingState expected = CheckpointFileTest.state(model);
    SplittableRandom rng = new SplittableRandom(17);
    List<DynamicTest> tests = new ArrayList<>();
    for (int c = 0; c < 200; c++) {
      int position = rng.nextInt(whole.length);
      int mask = 1 << rng.nextInt(8);
      String name = "checkpoint with a bit flipped at byte " + position;
      int id = c;
      tests.add(dynamicTest(name, () -> {
        byte[] damaged = whole.clone();
        damaged[position] ^= (byte) mask;
        Path file = FaultCases.write(tmp, "flip-" + id + ".h5", damaged);
        Checkpoint read = read(name, file);
        if (read != null) {
          CheckpointFileTest.assertSameEntries(read.state(), expected, name);
          assertThat(read.model().toString()).as(name).isEqualTo(model.toString());
        }
      }));
    }
    return tests.stream();
  }
}
