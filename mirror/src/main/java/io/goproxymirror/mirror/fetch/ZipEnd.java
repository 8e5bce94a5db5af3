package io.goproxymirror.mirror.fetch;

import io.goproxymirror.mirror.errors.MirrorException;
import io.goproxymirror.mirror.errors.StorageFullException;
import io.goproxymirror.mirror.store.ArtifactRecord;
import io.reactivex.rxjava3.core.Single;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * How the source of a zip ends its download (see {@link ZipDownload#settle}): an upstream's
 * response is finished with its result, the Git source's build is logged; either way the staging
 * file of a failed download is deleted and the failure is typed as clients see it.
 */
public interface ZipEnd {
  /** {@code commit} under the source's own deadline, if it has one. */
  Single<ArtifactRecord> bound(Single<ArtifactRecord> commit);

  /** The zip is stored and recorded. */
  void succeeded();

  /** The download failed with {@code error}: cleans up and returns the failure clients get. */
  Throwable failed(Throwable error);

  /** A failure as clients see it: a full disk (building, verifying or storing) is a 507. */
  static Throwable typed(Throwable err) {
    return !(err instanceof MirrorException) && StorageFullException.isCause(err)
        ? new StorageFullException("no space left to store the zip", err)
        : err;
  }

  /** Deletes a failed download's staging file; a failure to do so is only logged. */
  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LoggerFactory.getLogger(ZipEnd.class).warn("event=staging_cleanup_failed file={}", file.getFileName());
    }
  }
}
