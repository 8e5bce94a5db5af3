package io.goproxymirror.mirror.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.store.FileBlobStore;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("ListReconciler")
class ListReconcilerTest {
  @TempDir Path data;
  private ListReconciler reconciler;

  @BeforeEach
  void setUp() {
    Scheduler io = Schedulers.io();
    reconciler = new ListReconciler(data, new ListFile(new FileBlobStore(data, io)), io);
  }

  @Test
  @DisplayName("adds a stored zip's version that a crash kept out of its module's list, and only that")
  void repairsStaleList() throws IOException {
    write("example.org/crash200/@v/v1.0.0.zip", "zip");
    write("example.org/crash200/@v/v1.1.0.zip", "zip");
    write("example.org/crash200/@v/v1.1.0.info", "{}");
    write("example.org/crash200/@v/list", "v1.0.0\n");
    write("example.org/complete/@v/v2.0.0.zip", "zip");
    write("example.org/complete/@v/list", "v2.0.0\n");

    assertThat(reconciler.run().blockingGet()).isEqualTo(1);

    assertThat(read("example.org/crash200/@v/list")).isEqualTo("v1.0.0\nv1.1.0\n");
    assertThat(read("example.org/complete/@v/list")).isEqualTo("v2.0.0\n");
    assertThat(reconciler.run().blockingGet()).as("a second run finds nothing").isZero();
  }

  @Test
  @DisplayName("creates a missing list, unescapes versions and module paths, and leaves out pseudo-versions,"
      + " staging and checksum-database entries")
  void escapingPseudoAndReservedEntries() throws IOException {
    write("github.com/!azure/go/@v/v1.0.0-!r!c1.zip", "zip");
    write("github.com/!azure/go/@v/v0.0.0-20240102030405-abcdefabcdef.zip", "zip");
    write(".tmp/example.org/x/@v/v1.0.0.zip", "zip");
    write("sumdb/sum.golang.org/lookup/@v/v1.0.0.zip", "zip");
    write("example.org/bad/@v/not-a-version.zip", "zip");

    assertThat(reconciler.run().blockingGet()).isEqualTo(1);

    assertThat(read("github.com/!azure/go/@v/list")).isEqualTo("v1.0.0-RC1\n");
    assertThat(data.resolve(".tmp/example.org/x/@v/list")).doesNotExist();
    assertThat(data.resolve("sumdb/sum.golang.org/lookup/@v/list")).doesNotExist();
    assertThat(data.resolve("example.org/bad/@v/list")).doesNotExist();
  }

  private void write(String key, String text) throws IOException {
    Path file = data.resolve(key);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private String read(String key) throws IOException {
    return Files.readString(data.resolve(key), StandardCharsets.UTF_8);
  }
}
