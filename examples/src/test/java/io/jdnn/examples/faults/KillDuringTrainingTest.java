package io.jdnn.examples.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.nn.Sequential;
import io.jdnn.core.training.state.TrainingState;
import io.jdnn.data.checkpoint.CheckpointFile;
import io.jdnn.data.io.AtomicFiles;
import io.jdnn.data.model.ModelFile;
import io.jdnn.examples.ProjectData;
import io.jdnn.examples.cat.CatClassifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training that survives a kill: {@code jdnn-cat train --checkpoint} runs in a child JVM that is
 * killed (SIGKILL: no shutdown hook, no finally) at seeded moments, some while it is writing a
 * checkpoint, and is then restarted with {@code --resume} until it finishes. Every line each child
 * printed, and the model and report files of the last one, must be what one uninterrupted run
 * prints and writes; no temporary file may be left.
 *
 * <p>A kill counts as "during a checkpoint write" only on evidence: after the child is dead, the
 * temporary file its write had created (named with its process id) is still there, so the write
 * began and had not been renamed into place. The moments are chosen from the child's progress (its
 * printed lines, the appearance of a temporary file), never from a clock, so a slow machine moves
 * them but cannot break the test.
 */
class KillDuringTrainingTest {
  private static final Logger LOG = LoggerFactory.getLogger(KillDuringTrainingTest.class);
  private static final String DATA = ProjectData.catvnoncat().toString();
  private static final Pattern COST = Pattern.compile("Cost after (iteration|epoch) (\\d+): .*");
  private static final int KILLS = 3;

  @TempDir
  Path tmp;

  @Test
  void theCourseRunSurvivesKills() throws Exception {
    survivesKills("course", 1, true, "--iterations", "60", "--print-every", "5", "--checkpoint-every", "10");
  }

  @Test
  void adamOnShuffledMiniBatchesWithDropoutAndL2SurvivesKills() throws Exception {
    survivesKills("adam", 2, false, "--layers", "12288,7,1", "--optimizer", "adam", "--learning-rate", "1e-4",
        "--batch-size", "64", "--epochs", "12", "--dropout", "0.8", "--l2", "0.7", "--print-every", "1",
        "--checkpoint-every", "2");
  }

  @Test
  void earlyStoppingWithAStepScheduleSurvivesKills() throws Exception {
    List<String> lines = survivesKills("early", 3, false, "--layers", "12288,7,1", "--optimizer", "adam",
        "--learning-rate", "3e-5", "--lr-schedule", "step:0.5:30", "--batch-size", "32", "--validation-split",
        "0.2", "--early-stopping", "3", "--epochs", "40", "--print-every", "1", "--checkpoint-every", "2");
    assertThat(lines).as("the run stops early, so early stopping's state crosses the kills")
        .anyMatch(l -> l.startsWith("Early stopping after epoch"));
  }

  /** Runs the scenario; returns the uninterrupted run's lines. */
  private List<String> survivesKills(String name, long seed, boolean report, String... options) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    List<String> common = new ArrayList<>(List.of("train", "--data", DATA));
    common.addAll(List.of(options));
    List<String> referenceArgs = new ArrayList<>(common);
    referenceArgs.addAll(List.of("--save", dir.resolve("reference.h5").toString()));
    if (report) {
      referenceArgs.addAll(List.of("--report", dir.resolve("reference-report").toString()));
    }
    List<String> reference = runInProcess(referenceArgs);
    Path checkpoint = dir.resolve("run.ckpt.h5");
    SplittableRandom rng = new SplittableRandom(seed);
    int midWrite = 0;
    for (int k = 0; ; k++) {
      boolean resume = Files.exists(checkpoint);
      List<String> expected = resume ? after(reference, checkpoint) : reference;
      List<String> args = new ArrayList<>(common);
      args.addAll(List.of("-q", "--checkpoint", checkpoint.toString(), "--save", dir.resolve("final.h5").toString()));
      if (report) {
        args.addAll(List.of("--report", dir.resolve("report").toString()));
      }
      if (resume) {
        args.addAll(List.of("--resume", checkpoint.toString()));
      }
      Path log = dir.resolve("child-" + k + ".out");
      Process child = start(args, log, dir.resolve("child-" + k + ".err"));
      boolean killed = false;
      if (k < KILLS) {
        // The first kill always waits for a checkpoint write; the others pick a moment at random.
        boolean duringWrite = k == 0 || rng.nextBoolean();
        int afterLines = rng.nextInt(1, Math.max(2, expected.size() - 2));
        while (child.isAlive() && (duringWrite ? ownTemporaries(checkpoint, child).isEmpty()
            : lines(log).size() < afterLines)) {
          Thread.sleep(1); // a write takes far longer (it forces the file to the disk)
        }
        if (!duringWrite) {
          Thread.sleep(rng.nextInt(0, 30));
        }
        killed = child.isAlive();
        child.destroyForcibly();
      }
      assertThat(child.waitFor(10, TimeUnit.MINUTES)).as("%s child %d ends", name, k).isTrue();
      if (killed && !ownTemporaries(checkpoint, child).isEmpty()) {
        midWrite++;
      }
      List<String> printed = lines(log);
      if (killed) {
        assertThat(printed).as("%s child %d, killed: what it printed starts what the uninterrupted run prints"
            + " from its start", name, k).isEqualTo(expected.subList(0, Math.min(printed.size(), expected.size())));
        continue;
      }
      assertThat(child.exitValue()).as("%s child %d exit code (stderr: %s)", name, k,
          Files.readString(dir.resolve("child-" + k + ".err"))).isZero();
      assertThat(printed).as("%s child %d, %s: every line as the uninterrupted run prints it", name, k,
          resume ? "resumed" : "not resumed").isEqualTo(expected);
      break;
    }
    LOG.info("{}: {} of {} kills landed inside a checkpoint write", name, midWrite, KILLS);
    assertThat(midWrite).as("%s: kills that landed inside a checkpoint write", name).isGreaterThanOrEqualTo(1);
    Sequential expectedModel = ModelFile.load(dir.resolve("reference.h5"));
    Sequential finalModel = ModelFile.load(dir.resolve("final.h5"));
    for (int i = 0; i < expectedModel.parameters().size(); i++) {
      assertThat(finalModel.parameters().get(i).value().data()).as("%s: the saved weights", name)
          .containsExactly(expectedModel.parameters().get(i).value().data());
    }
    if (report) {
      for (String file : List.of("costs.csv", "metrics.txt")) {
        assertThat(Files.readString(dir.resolve("report").resolve(file))).as("%s: report %s, the whole run", name, file)
            .isEqualTo(Files.readString(dir.resolve("reference-report").resolve(file)));
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).as("%s: no temporary file left", name)
          .noneMatch(f -> f.endsWith(".tmp"));
    }
    return reference;
  }

  /** The lines the uninterrupted run prints after the state in {@code checkpoint}. */
  private static List<String> after(List<String> reference, Path checkpoint) {
    TrainingState trainer = CheckpointFile.read(checkpoint).state().scope("trainer");
    long iterations = trainer.getLong("iterations");
    long epochs = trainer.getLong("epochs");
    List<String> rest = new ArrayList<>();
    for (String line : reference) {
      Matcher m = COST.matcher(line);
      if (!m.matches() || Long.parseLong(m.group(2)) >= (m.group(1).equals("iteration") ? iterations : epochs)) {
        rest.add(line);
      }
    }
    return rest;
  }

  private static List<Path> ownTemporaries(Path checkpoint, Process child) throws IOException {
    List<Path> own = new ArrayList<>();
    for (Path t : AtomicFiles.temporaries(checkpoint)) {
      if (t.getFileName().toString().contains("." + child.pid() + ".")) {
        own.add(t);
      }
    }
    return own;
  }

  private static List<String> runInProcess(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CatClassifier.run(args.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(code).as("the uninterrupted run (stderr: %s)", err).isZero();
    return out.toString().lines().toList();
  }

  private static Process start(List<String> args, Path out, Path err) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-XX:+UseSerialGC",
        // The test class path holds logback-test.xml more than once, which makes logback report on standard output.
        "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener"));
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      command.add("--add-modules=jdk.incubator.vector"); // the same kernel as the reference run in this JVM
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), CatClassifier.class.getName()));
    command.addAll(args);
    return new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
  }

  /** The complete lines of the child's output so far (a line being written is left out). */
  private static List<String> lines(Path log) throws IOException {
    String text = Files.readString(log, StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n');
    return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
  }
}
