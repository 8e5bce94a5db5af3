package io.goproxymirror.mirror.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivex.rxjava3.core.Scheduler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("EmbeddedMetadataStore")
class EmbeddedMetadataStoreTest extends MetadataStoreContract {

  @Override
  protected MetadataStore openStore(Path dataDir, Scheduler io) {
    return EmbeddedMetadataStore.open(dataDir, io);
  }

  @Test
  @DisplayName("keeps artifacts, versions and answers after close and reopen")
  void reopenKeepsData() {
    ArtifactRecord zip = record("example.com/m", "v1.0.0", ArtifactKind.ZIP, "cc", "h1:zip=");
    store.putArtifact(zip).blockingAwait();
    store.putAnswer("example.com/m", "list", answer(200, "v1.0.0\n")).blockingAwait();
    store.close().blockingAwait();

    store = EmbeddedMetadataStore.open(dataDir, io);

    assertThat(store.artifact("example.com/m", "v1.0.0", ArtifactKind.ZIP).blockingGet()).isEqualTo(zip);
    assertThat(store.versions("example.com/m").blockingGet()).containsExactly("v1.0.0");
    assertThat(store.answer("example.com/m", "list").blockingGet()).isEqualTo(answer(200, "v1.0.0\n"));
  }

  @Test
  @DisplayName("keeps the sync worker's values after close and reopen, apart from the artifacts")
  void syncStateSurvivesReopen() {
    ((EmbeddedMetadataStore) store).syncState().put("index-cursor", "one").blockingAwait();
    ((EmbeddedMetadataStore) store).syncState().put("index-cursor", "two").blockingAwait();
    store.close().blockingAwait();

    store = EmbeddedMetadataStore.open(dataDir, io);

    assertThat(((EmbeddedMetadataStore) store).syncState().get("index-cursor").blockingGet()).isEqualTo("two");
    assertThat(((EmbeddedMetadataStore) store).syncState().get("missing").blockingGet()).isNull();
    assertThat(store.versions("index-cursor").blockingGet()).isEmpty();
  }

  @Test
  @DisplayName("keeps its file at .meta/metadata.mv.db under the data directory")
  void fileLocation() {
    assertThat(((EmbeddedMetadataStore) store).file())
        .isEqualTo(dataDir.toAbsolutePath().resolve(".meta/metadata.mv.db"))
        .exists();
  }

  @Test
  @Timeout(120)
  @DisplayName("refuses a store held by another process, and keeps every completed write when that process is killed")
  void lockedThenKilled() throws Exception {
    store.close().blockingAwait();
    Path childData = tempDir.resolve("child");
    Process child = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            MetadataWriterProcess.class.getName(), childData.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    int lastReported = -1;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null && lastReported < 200; line = out.readLine()) {
        lastReported = Integer.parseInt(line.trim());
      }
      assertThat(lastReported).as("writes reported by the child").isEqualTo(200);

      assertThatThrownBy(() -> EmbeddedMetadataStore.open(childData, io))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(childData.resolve(".meta/metadata.mv.db").toString())
          .hasMessageContaining("locked by another process")
          .hasMessageNotContaining("\n");

      child.destroyForcibly(); // SIGKILL: no close, no shutdown hook
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      lastReported = drainLastNumber(out, lastReported);
    } finally {
      child.destroyForcibly();
    }

    store = EmbeddedMetadataStore.open(childData, io);
    List<String> versions = store.versions("example.com/crash").blockingGet();
    assertThat(versions).containsAll(
        IntStream.rangeClosed(0, lastReported).mapToObj(i -> "v1.0." + i).toList());
    assertThat(store.artifact("example.com/crash", "v1.0." + lastReported, ArtifactKind.MOD).blockingGet().sha256())
        .isEqualTo("sha" + lastReported);
  }

  /** Reads what the killed child printed before dying; the JDK may close the pipe under us. */
  private static int drainLastNumber(BufferedReader out, int last) {
    try {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        last = Math.max(last, Integer.parseInt(line.trim()));
      }
    } catch (IOException | NumberFormatException pipeClosedOrLineCut) {
      // keep the last complete number: every number printed was committed before printing
    }
    return last;
  }
}
