package io.jdnn.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write that fails part-way (a full disk) leaves the old file whole and no temporary file. */
class AtomicFilesTest {
  @TempDir
  Path dir;

  @Test
  void aWriteThatFailsHalfWayLeavesThePreviousFileAndNoTemporary() throws IOException {
    Path target = Files.writeString(dir.resolve("mislabeled.png"), "the previous picture");
    assertThatThrownBy(() -> AtomicFiles.write(target, temporary -> {
      try (OutputStream out = Files.newOutputStream(temporary)) {
        out.write(new byte[1000]);
        throw new IOException("No space left on device");
      }
    })).isInstanceOf(IOException.class).hasMessage("No space left on device");
    assertThat(Files.readString(target)).isEqualTo("the previous picture");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("mislabeled.png");
    }
  }

  @Test
  void aCompleteWriteReplacesTheFile() throws IOException {
    Path target = Files.writeString(dir.resolve("metrics.txt"), "old");
    AtomicFiles.write(target, temporary -> Files.writeString(temporary, "new"));
    assertThat(Files.readString(target)).isEqualTo("new");
  }

  @Test
  void onlyMissingOrRegularFilesMayBeReplaced() throws IOException {
    assertThat(AtomicFiles.refusal(dir.resolve("new.h5"))).isNull();
    Path link = Files.createSymbolicLink(dir.resolve("link.h5"), dir.resolve("elsewhere.h5"));
    assertThat(AtomicFiles.refusal(link)).isEqualTo("is a symbolic link (to " + dir.resolve("elsewhere.h5")
        + "); jdnn replaces only regular files, never a link: give the link's target or remove the link");
    assertThat(AtomicFiles.refusal(Path.of("/dev/null")))
        .isEqualTo("is a character device, not a regular file; jdnn replaces only regular files");
    assertThatThrownBy(() -> AtomicFiles.write(Path.of("/dev/null"), t -> Files.writeString(t, "x")))
        .isInstanceOf(IOException.class).hasMessageStartingWith("/dev/null is a character device");
  }

  @Test
  void aWriteDeletesTheTemporariesOfKilledWritersOnly() throws IOException {
    Path target = dir.resolve("run.ckpt.h5");
    // Process ids above Linux's pid_max (2^22) never run; the current process certainly does.
    Path stale = Files.writeString(dir.resolve(".run.ckpt.h5.2147483000.1a2b.tmp"), "killed mid-write");
    Path live = Files.writeString(dir.resolve(".run.ckpt.h5." + ProcessHandle.current().pid() + ".3c4d.tmp"), "busy");
    Path otherTarget = Files.writeString(dir.resolve(".other.h5.2147483000.1a2b.tmp"), "not ours");
    assertThat(AtomicFiles.temporaries(target)).containsExactlyInAnyOrder(stale, live);
    AtomicFiles.write(target, file -> Files.writeString(file, "new"));
    assertThat(stale).doesNotExist();
    assertThat(live).exists();
    assertThat(otherTarget).exists();
    assertThat(Files.readString(target)).isEqualTo("new");
  }
}
