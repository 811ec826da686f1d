package io.jdnn.examples.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.core.nn.Parameter;
import io.jdnn.core.nn.Sequential;
import io.jdnn.data.model.ModelFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nothing lost: a child JVM saves a model to the same file again and again and is killed (SIGKILL,
 * no shutdown hooks) at seeded moments; after each kill the file must load, whole, as one of the
 * versions the child finished or was writing, never a mix, never damaged.
 */
class KillDuringSaveTest {
  private static final Logger LOG = LoggerFactory.getLogger(KillDuringSaveTest.class);
  private static final int KILLS = 4;

  @TempDir
  Path tmp;

  /** The complete lines of the child's output so far (a line being written is left out). */
  private static List<String> lines(Path log) throws java.io.IOException {
    String text = java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n');
    return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
  }

  /** The hidden temporary files beside {@code file} ({@code .model.h5.PID.NANOS.tmp}). */
  private static List<Path> temporaries(Path file) throws java.io.IOException {
    try (var siblings = java.nio.file.Files.newDirectoryStream(file.getParent(), "." + file.getFileName() + ".*.tmp")) {
      List<Path> found = new java.util.ArrayList<>();
      siblings.forEach(found::add);
      return found;
    }
  }

  @Test
  void killingTheProcessWhileItSavesLeavesALoadableModel() throws Exception {
    Path file = tmp.resolve("model.h5");
    SplittableRandom rng = new SplittableRandom(6);
    int midSave = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      Path log = tmp.resolve("child-" + kill + ".log");
      Process child = new ProcessBuilder(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
          "-cp", System.getProperty("java.class.path"), SaveLoop.class.getName(), file.toString()))
          .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(log.toFile()).start();
      // Let one save finish first, so there is a previous model to lose; bounded, not timed.
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (!lines(log).contains("saved 1") && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(lines(log)).as("the child's first save").contains("saved 1");
      // The child's first save removed the temporary file the previous killed child left.
      assertThat(temporaries(file)).as("kill %d: temporaries of earlier, dead children", kill)
          .allMatch(t -> t.getFileName().toString().startsWith("." + file.getFileName() + "." + child.pid() + "."));
      // Then kill (SIGKILL) at a seeded moment, usually inside a later save.
      Thread.sleep(rng.nextInt(20, 400));
      child.destroyForcibly();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("killed child exits").isTrue();
      List<String> lines = lines(log);
      String last = lines.get(lines.size() - 1);
      int saved = 0;
      for (String line : lines) {
        if (line.startsWith("saved ")) {
          saved = Integer.parseInt(line.substring(6));
        }
      }
      int writing = last.startsWith("saving") ? Integer.parseInt(last.substring(7)) : saved;
      // Inside a save means between creating the temporary file and renaming it: the file is the
      // evidence, not the line printed before the save starts.
      List<Path> left = temporaries(file);
      assertThat(left).as("kill %d: at most the killed child's one temporary file", kill).hasSizeLessThanOrEqualTo(1);
      if (!left.isEmpty()) {
        midSave++;
        assertThat(left.get(0).getFileName().toString()).startsWith("." + file.getFileName() + "." + child.pid() + ".");
      }

      Sequential loaded = ModelFile.load(file);
      double version = loaded.parameters().get(0).value().get(0, 0);
      assertThat(version).as("kill %d: the last finished save (%d) or the one in progress (%d)", kill, saved, writing)
          .isIn((double) saved, (double) writing);
      for (Parameter p : loaded.parameters()) {
        assertThat(p.value().data()).as("kill %d: one whole version, never a mix", kill).containsOnly(version);
      }
    }
    LOG.info("{} of {} kills landed inside a save (a temporary file was left)", midSave, KILLS);
    // Each save takes tens of milliseconds and the child does nothing else, so kills land inside one.
    assertThat(midSave).as("kills that landed inside a save").isGreaterThanOrEqualTo(1);
    // The next save, by a live process, cleans up after the killed ones.
    ModelFile.save(ModelFile.load(file), file);
    assertThat(temporaries(file)).as("temporary files after a clean save").isEmpty();
  }
}
