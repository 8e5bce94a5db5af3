package io.goproxymirror.mirror.fetch;

import io.goproxymirror.mirror.store.ArtifactRecord;

/** Drives a {@link ZipDownload} from tests outside this package, as its sources and {@link ZipDownload#settle} do. */
public final class DownloadProgress {
  private DownloadProgress() {}

  /** {@code total} bytes are now in the staging file. */
  public static void advance(ZipDownload download, long total) {
    download.advance(total);
  }

  /** The download is verified and committed. */
  public static void complete(ZipDownload download, ArtifactRecord record) {
    download.complete(record);
  }
}
