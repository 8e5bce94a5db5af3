package io.goproxymirror.mirror.serve;

import io.goproxymirror.mirror.fetch.ZipDownload;
import java.nio.file.Path;

/** What a protocol endpoint answers: bytes, a stored file, or a zip still being downloaded. */
public sealed interface Reply {
  CacheStatus cache();

  /** HTTP status of the answer. */
  int status();

  /** Bytes in memory: small artifacts, list, @latest, query .info, and negative answers. */
  record Bytes(int status, byte[] body, String etag, CacheStatus cache) implements Reply {}

  /** A stored blob served from a local file (sendfile). */
  record StoredFile(Path file, long size, String etag, CacheStatus cache) implements Reply {
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
