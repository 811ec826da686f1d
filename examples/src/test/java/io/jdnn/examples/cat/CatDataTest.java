package io.jdnn.examples.cat;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdnn.data.images.CatVsNonCat;
import io.jdnn.examples.ProjectData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From a bare clone: the course's images are built into the jar, so {@code train} needs neither
 * {@code --data} nor any particular working folder; a wrong {@code --data} names the absolute
 * path it tried and how to point elsewhere.
 */
class CatDataTest {
  @TempDir
  Path tmp;

  @Test
  void theBuiltInImagesAreTheRepositorysCopyBitForBit() throws IOException, NoSuchAlgorithmException {
    CatVsNonCat builtIn = CatData.load(null);
    CatVsNonCat files = CatVsNonCat.load(ProjectData.catvnoncat());
    assertThat(builtIn.train().x().data()).isEqualTo(files.train().x().data());
    assertThat(builtIn.train().y().data()).isEqualTo(files.train().y().data());
    assertThat(builtIn.test().x().data()).isEqualTo(files.test().x().data());
    assertThat(builtIn.test().y().data()).isEqualTo(files.test().y().data());
    assertThat(builtIn.classes()).containsExactly("non-cat", "cat");
    // and the resources are the files SHA256SUMS names, byte for byte
    for (String line : Files.readAllLines(ProjectData.catvnoncat().resolve("SHA256SUMS"))) {
      String[] sumAndName = line.trim().split("\\s+\\*?");
      try (InputStream in = CatData.class.getResourceAsStream(CatData.RESOURCES + sumAndName[1])) {
        assertThat(in).as(sumAndName[1]).isNotNull();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
        assertThat(HexFormat.of().formatHex(digest)).as(sumAndName[1]).isEqualTo(sumAndName[0]);
      }
    }
  }

  @Test
  void trainWithoutDataRunsFromAnyWorkingFolder() throws IOException, InterruptedException {
    // A child JVM whose working folder is an empty temporary one: nothing of the repository around.
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), CatClassifier.class.getName(),
        "train", "--layers", "12288,7,1", "--init", "small", "--iterations", "2", "--quiet"));
    Process child = new ProcessBuilder(command).directory(tmp.toFile())
        .redirectError(tmp.resolve("err.txt").toFile()).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
    String err = Files.readString(tmp.resolve("err.txt"));
    assertThat(child.exitValue()).as(out + err).isZero();
    // The course's 2-layer cost at iteration 0 (course-numbers.md), as with the repository's files.
    assertThat(out).contains("Cost after iteration 0: 0.69304973565");
    assertThat(out).contains("Test accuracy: ");
    try (var left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).as("files left in the working folder")
          .containsExactly("err.txt");
    }
  }

  @Test
  void aMissingDataFolderIsNamedByItsAbsolutePathWithHowToPointElsewhere() {
    CliRun run = CliRun.of("train", "--data", "no/such/dir", "--iterations", "1");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines().toList()).hasSize(1);
    assertThat(run.err()).contains(Path.of("no/such/dir").toAbsolutePath().toString() + ": no such directory")
        .contains("--data DIR names a folder holding train_catvnoncat.h5 and test_catvnoncat.h5")
        .contains("without --data");
  }

  @Test
  void aFolderWithoutTheFilesNamesTheAbsoluteFileMissing() throws IOException {
    Path empty = Files.createDirectory(tmp.resolve("empty"));
    for (String command : new String[] {"train", "evaluate", "tune"}) {
      List<String> args = new ArrayList<>(List.of(command, "--data", empty.toString()));
      if (command.equals("evaluate")) {
        // any readable model: evaluate loads the model first, then the data
        args.addAll(List.of("--model", saveTinyModel().toString()));
      }
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(command + ": " + run.err()).isEqualTo(1);
      // train and evaluate read any kind of data and say which files they looked for; tune reads the cats.
      assertThat(run.err()).as(command).satisfiesAnyOf(
          err -> assertThat(err).contains(empty.toAbsolutePath().resolve(CatVsNonCat.TRAIN_FILE) + ": no such file")
              .contains("--data DIR names"),
          err -> assertThat(err).contains(empty.toAbsolutePath() + ": holds neither the cat images (train_catvnoncat.h5")
              .contains("MNIST-format files"));
    }
  }

  private Path saveTinyModel() {
    Path model = tmp.resolve("tiny.h5");
    if (!Files.exists(model)) {
      CliRun train = CliRun.of("train", "--layers", "12288,1", "--iterations", "1", "--save", model.toString());
      assertThat(train.exitCode()).as(train.err()).isZero();
    }
    return model;
  }
}
