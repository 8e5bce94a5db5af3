package io.goproxymirror.mirror.serve;

import io.goproxymirror.mirror.fetch.Fetched;
import io.goproxymirror.mirror.fetch.ZipDownload;
import io.goproxymirror.mirror.store.BlobContent;
import io.reactivex.rxjava3.core.Maybe;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What a protocol endpoint answers: bytes, a stored file, a stored remote blob, or a zip still being
 * downloaded.
 */
public sealed interface Reply {
  CacheStatus cache();

  /** HTTP status of the answer. */
  int status();

  /** Bytes in memory: small artifacts, list, @latest, query .info, and negative answers. */
  record Bytes(int status, byte[] body, String etag, CacheStatus cache) implements Reply {}

  /** The negative answer of a miss: {@code HIT} when it was remembered, else {@code MISS}. */
  static Reply absent(Fetched.Absent absent) {
    return new Bytes(absent.answer().status(), absent.answer().body(), null,
        absent.remembered() ? CacheStatus.HIT : CacheStatus.MISS);
  }

  /** A stored blob served from a local file (sendfile). */
  record StoredFile(Path file, long size, String etag, CacheStatus cache) implements Reply {
    @Override
    public int status() {
      return 200;
    }
  }

  /**
   * A stored blob in a store without local files (S3): {@code open} streams it (once per call).
   */
  record StoredBlob(long size, String etag, CacheStatus cache, Supplier<Maybe<BlobContent>> open) implements Reply {
    @Override
    public int status() {
      return 200;
    }
  }

  /** A zip streamed to the client while it is downloaded, verified and committed. */
  record Streaming(ZipDownload download) implements Reply {
    @Override
    public CacheStatus cache() {
      return CacheStatus.MISS;
    }

    @Override
    public int status() {
      return 200;
    }
  }
}
