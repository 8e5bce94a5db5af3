package io.goproxymirror.mirror.store;

import io.reactivex.rxjava3.schedulers.Schedulers;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Run in a child JVM by {@link EmbeddedMetadataStoreTest}: opens the store of the data directory
 * given as argument and writes versions forever, printing each version number once its write has
 * completed, until the test kills it.
 */
public final class MetadataWriterProcess {
  private MetadataWriterProcess() {}

  public static void main(String[] args) {
    EmbeddedMetadataStore store = EmbeddedMetadataStore.open(Path.of(args[0]), Schedulers.single());
    for (int i = 0; ; i++) {
      store.putArtifact(new ArtifactRecord("example.com/crash", "v1.0." + i, ArtifactKind.MOD,
          i, "sha" + i, null, Instant.EPOCH)).blockingAwait();
      System.out.println(i);
      System.out.flush();
    }
  }
}
