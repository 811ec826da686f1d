package io.jdnn.examples.cat;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.data.checkpoint.CheckpointFile;
import io.jdnn.data.images.CatVsNonCat;
import io.jdnn.data.io.AtomicFiles;
import io.jdnn.data.model.ModelFile;
import io.jdnn.examples.ProjectData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --checkpoint/--resume} from the user's side: resuming a finished run prints its last
 * lines again and writes the same model; options that contradict the checkpoint are a usage
 * mistake naming the option, and so is the same {@code --data} folder holding other images; a damaged
 * checkpoint is one line, exit code 1, and nothing is written.
 * (Resuming mid-run, after kills, is {@code KillDuringTrainingTest}'s.)
 */
class CheckpointCommandTest {
  private static final String DATA = ProjectData.catvnoncat().toString();
  private static final String[] RUN = {"train", "--data", DATA, "--layers", "12288,7,1", "--init", "small",
      "--iterations", "6", "--print-every", "2"};

  @TempDir
  static Path tmp;
  static Path checkpoint;
  static CliRun first;

  private static String[] with(String... more) {
    List<String> args = new ArrayList<>(Arrays.asList(RUN));
    args.addAll(Arrays.asList(more));
    return args.toArray(new String[0]);
  }

  @BeforeAll
  static void trainWithCheckpoints() {
    checkpoint = tmp.resolve("run.ckpt.h5");
    first = CliRun.of(with("--checkpoint", checkpoint.toString(), "--checkpoint-every", "2", "--save",
        tmp.resolve("first.h5").toString()));
    assertThat(first.exitCode()).as(first.err()).isZero();
  }

  @Test
  void theCheckpointHoldsTheWholeRunAndOpensAsTheModel() throws Exception {
    var state = CheckpointFile.read(checkpoint).state();
    assertThat(state.scope("trainer").getLong("iterations")).isEqualTo(6);
    assertThat(state.scope("cli").text("--layers")).isEqualTo("12288,7,1");
    assertThat(ModelFile.load(checkpoint).parameters().get(0).value().data())
        .containsExactly(ModelFile.load(tmp.resolve("first.h5")).parameters().get(0).value().data());
    assertThat(AtomicFiles.temporaries(checkpoint)).isEmpty();
  }

  @Test
  void resumingAFinishedRunPrintsItsLastLinesAndWritesTheSameModel() throws Exception {
    Path again = tmp.resolve("again.h5");
    CliRun run = CliRun.of(with("--resume", checkpoint.toString(), "--save", again.toString()));
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> firstLines = first.out().lines().toList();
    assertThat(run.out().lines().toList()).as("the accuracies, as the run printed them")
        .isEqualTo(firstLines.subList(firstLines.size() - 2, firstLines.size()))
        .allMatch(l -> l.contains("accuracy"));
    assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(tmp.resolve("first.h5")));
  }

  @Test
  void anOptionThatContradictsTheCheckpointIsAUsageMistakeNamingIt() {
    for (String[] change : new String[][] {
        {"--learning-rate", "0.01"}, {"--optimizer", "adam"}, {"--seed", "2"}, {"--batch-size", "64"}}) {
      CliRun run = CliRun.of(with(change[0], change[1], "--resume", checkpoint.toString()));
      assertThat(run.exitCode()).as(change[0]).isEqualTo(2);
      assertThat(run.err().lines().toList()).as(change[0]).hasSize(1);
      assertThat(run.err()).as(change[0]).contains(change[0] + " ").contains(change[1]).contains("--resume");
    }
    List<String> otherLayers = new ArrayList<>(Arrays.asList(RUN));
    otherLayers.set(otherLayers.indexOf("12288,7,1"), "12288,5,1");
    otherLayers.addAll(List.of("--resume", checkpoint.toString()));
    CliRun run = CliRun.of(otherLayers.toArray(new String[0]));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--layers 12288,7,1, not 12288,5,1");
  }

  @Test
  void theSameDataFolderWithOtherImagesIsAUsageMistake() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("changing-data"));
    for (String file : List.of(CatVsNonCat.TRAIN_FILE, CatVsNonCat.TEST_FILE)) {
      Files.copy(ProjectData.catvnoncat().resolve(file), data.resolve(file));
    }
    Path run = tmp.resolve("changing.ckpt.h5");
    String[] args = {"train", "--data", data.toString(), "--layers", "12288,7,1", "--init", "small", "--iterations",
        "2", "--print-every", "2"};
    CliRun before = CliRun.of(concat(args, "--checkpoint", run.toString()));
    assertThat(before.exitCode()).as(before.err()).isZero();
    // One pixel changed in place: the middle of the training file is inside its 209 x 12,288 pixels.
    Path train = data.resolve(CatVsNonCat.TRAIN_FILE);
    byte[] bytes = Files.readAllBytes(train);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(train, bytes);
    assertThat(CatVsNonCat.load(data).train().x().data())
        .as("the folder still loads, with other pixels")
        .isNotEqualTo(CatVsNonCat.load(ProjectData.catvnoncat()).train().x().data());
    Path save = tmp.resolve("resumed-on-other-data.h5");
    CliRun after = CliRun.of(concat(args, "--resume", run.toString(), "--save", save.toString()));
    assertThat(after.exitCode()).isEqualTo(2);
    assertThat(after.err().lines().toList()).hasSize(1);
    assertThat(after.err()).contains("--data " + data + " holds other data than the run in " + run);
    assertThat(after.out()).isEmpty();
    assertThat(save).doesNotExist();
  }

  private static String[] concat(String[] args, String... more) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(Arrays.asList(more));
    return all.toArray(new String[0]);
  }

  @Test
  void aDamagedCheckpointIsOneLineAndNothingIsWritten() throws Exception {
    byte[] whole = Files.readAllBytes(checkpoint);
    byte[] flipped = whole.clone();
    flipped[whole.length / 2] ^= 0x10; // inside W1's values, 7x12288 doubles: its checksum no longer matches
    for (byte[] damaged : new byte[][] {Arrays.copyOf(whole, whole.length / 3), flipped}) {
      Path file = Files.write(tmp.resolve("damaged.h5"), damaged);
      Path save = tmp.resolve("not-written.h5");
      CliRun run = CliRun.of(with("--checkpoint", file.toString(), "--resume", file.toString(), "--save",
          save.toString()));
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err().lines().toList()).hasSize(1);
      assertThat(run.err()).startsWith("jdnn-cat: error: " + file + ": ").doesNotContain("Exception");
      assertThat(run.out()).isEmpty();
      assertThat(Files.readAllBytes(file)).as("the damaged checkpoint is left as it was").isEqualTo(damaged);
      assertThat(save).doesNotExist();
    }
  }

  @Test
  void checkpointsEveryZeroEpochsIsAUsageMistake() {
    CliRun run = CliRun.of(with("--checkpoint", tmp.resolve("x.h5").toString(), "--checkpoint-every", "0"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--checkpoint-every");
  }
}
