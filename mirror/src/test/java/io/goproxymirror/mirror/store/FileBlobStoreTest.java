package io.goproxymirror.mirror.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reactivex.rxjava3.core.Scheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("FileBlobStore")
class FileBlobStoreTest extends BlobStoreContract {

  @Override
  protected BlobStore createStore(Path dataDir, Scheduler io) {
    return new FileBlobStore(dataDir, io);
  }

  @Test
  @DisplayName("lays blobs out as a GOPROXY file:// tree under the data directory")
  void goproxyFileTree() throws IOException {
    store.putBytes("github.com/!azure/go-autorest/@v/v0.11.28.mod", "module x\n".getBytes(UTF_8))
        .blockingAwait();

    Path file = dataDir.resolve("github.com/!azure/go-autorest/@v/v0.11.28.mod");
    assertThat(file).hasContent("module x\n");
    assertThat(store.localFile("github.com/!azure/go-autorest/@v/v0.11.28.mod")).contains(file);
    try (var left = Files.list(staging.root())) {
      assertThat(left).as("staging directory after the write").isEmpty();
    }
  }

  @Test
  @DisplayName("gives stored blobs the process' default permissions, not private temp-file ones")
  void defaultPermissions() throws IOException {
    PosixFileAttributeView posix =
        Files.getFileAttributeView(dataDir, PosixFileAttributeView.class);
    assumeTrue(posix != null, "POSIX permissions");
    store.putBytes("example.com/m/@v/list", new byte[] {1}).blockingAwait();
    Path reference = Files.createFile(tempDir.resolve("reference"));

    assertThat(Files.getPosixFilePermissions(dataDir.resolve("example.com/m/@v/list")))
        .isEqualTo(Files.getPosixFilePermissions(reference));
  }

  @Test
  @DisplayName("moves a staged file from another file system through the staging area")
  void stagedFileOnAnotherFileSystem() throws IOException {
    Path shm = Path.of("/dev/shm");
    assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm), "/dev/shm is available");
    assumeTrue(!Files.getFileStore(shm).equals(Files.getFileStore(dataDir)),
        "/dev/shm is another file system");
    Path staged = Files.createTempFile(shm, "blob-store-test-", ".part");
    try {
      byte[] content = randomBytes(70_000, 3);
      Files.write(staged, content);

      store.put("example.com/m/@v/v1.0.0.zip", staged).blockingAwait();

      assertThat(store.read("example.com/m/@v/v1.0.0.zip", Long.MAX_VALUE).blockingGet())
          .isEqualTo(content);
      assertThat(staged).doesNotExist();
      try (var left = Files.list(staging.root())) {
        assertThat(left).isEmpty();
      }
    } finally {
      Files.deleteIfExists(staged);
    }
  }

  @Test
  @DisplayName("fails a put of a missing staged file without creating the key")
  void missingStagedFile() {
    store.put("example.com/m/@v/list", dataDir.resolve(".tmp/absent")).test()
        .awaitDone(10, TimeUnit.SECONDS).assertError(IOException.class);

    assertThat(dataDir.resolve("example.com")).doesNotExist();
  }
}
