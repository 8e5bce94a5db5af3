package io.goproxymirror.mirror.fetch;

import io.goproxymirror.mirror.store.ArtifactRecord;
import io.goproxymirror.mirror.store.CachedAnswer;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import java.util.function.Function;

/** What an {@link ArtifactSource} produced for one request. */
public sealed interface Fetched {

  /** Where a body came from: an upstream's response, or the Git source. */
  interface Origin {
    /** Name for messages and metrics: the upstream's host and path, or {@code direct}. */
    String name();

    /**
     * The body was read and checked: records the fetch with {@code result} (ok, invalid, error)
     * and gives its fetch permit back, once; later calls are ignored.
     */
    void finish(String result);
  }

  /**
   * A small body, as read from its origin; once verified, {@code record} describes it when it is
   * an artifact to store ({@code .info}, {@code .mod} of a canonical version), else it is null.
   */
  record Body(byte[] bytes, Origin origin, ArtifactRecord record) implements Fetched {
    /** The same body, verified: {@code checked} is what is kept, {@code verified} its record or null. */
    public Body verified(byte[] checked, ArtifactRecord verified) {
      return new Body(checked, origin, verified);
    }
  }

  /**
   * A zip whose bytes are still arriving in its staging file (clients may stream it already), not
   * verified yet: {@code transfer} completes when every byte is staged.
   */
  record Staged(ZipDownload download, Completable transfer, ZipEnd end) implements Fetched {}

  /**
   * A verified zip on its way to storage: {@code commit} runs the remaining steps (store, record)
   * and emits the stored record. The download ends when {@code commit} does ({@link
   * ZipDownload#settle}).
   */
  record Zip(ZipDownload download, Single<ArtifactRecord> commit, ZipEnd end) implements Fetched {
    /** This zip with {@code step} run after the steps so far. */
    public Zip then(Function<ArtifactRecord, Single<ArtifactRecord>> step) {
      return new Zip(download, commit.flatMap(step::apply), end);
    }
  }

  /**
   * The artifact is in storage (another replica stored it while this one waited for the lock).
   * {@code body} holds a small artifact's bytes; null for a zip.
   */
  record Found(ArtifactRecord record, byte[] body) implements Fetched {}

  /**
   * No source has the artifact (404 or 410): {@code answer} is the negative answer, {@code
   * remembered} whether it came from the negative cache without asking any source.
   */
  record Absent(CachedAnswer answer, boolean remembered) implements Fetched {}

  /** Completes when {@code fetched} is committed: at once, or for a zip when its download ends. */
  static Completable committed(Fetched fetched) {
    return fetched instanceof Zip zip
        ? zip.download().ended()
        : Completable.complete();
  }
}
