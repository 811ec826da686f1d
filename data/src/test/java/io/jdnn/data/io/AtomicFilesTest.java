package io.jdnn.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir
  Path tmp;

  @Test
  void aFailedWriteLeavesThePreviousFileAndNoTemporary() throws IOException {
    Path target = tmp.resolve("a.txt");
    AtomicFiles.write(target, file -> Files.writeString(file, "first"));
    assertThatThrownBy(() -> AtomicFiles.write(target, file -> {
      Files.writeString(file, "half");
      throw new IOException("disk full");
    })).isInstanceOf(IOException.class).hasMessage("disk full");
    assertThat(Files.readString(target)).isEqualTo("first");
    assertThat(AtomicFiles.temporaries(target)).isEmpty();
  }

  @Test
  void aWriteDeletesTheTemporariesOfKilledWritersOnly() throws IOException {
    Path target = tmp.resolve("run.ckpt.h5");
    // Process ids above Linux's pid_max (2^22) never run; the current process certainly does.
    Path stale = Files.writeString(tmp.resolve(".run.ckpt.h5.2147483000.1a2b.tmp"), "killed mid-write");
    Path live = Files.writeString(tmp.resolve(".run.ckpt.h5." + ProcessHandle.current().pid() + ".3c4d.tmp"), "busy");
    Path otherTarget = Files.writeString(tmp.resolve(".other.h5.2147483000.1a2b.tmp"), "not ours");
    assertThat(AtomicFiles.temporaries(target)).containsExactlyInAnyOrder(stale, live);
    AtomicFiles.write(target, file -> Files.writeString(file, "new"));
    assertThat(stale).doesNotExist();
    assertThat(live).exists();
    assertThat(otherTarget).exists();
    assertThat(Files.readString(target)).isEqualTo("new");
  }
}
