package io.goproxymirror.mirror.store;

import java.io.IOException;

/** A blob is larger than the caller allowed to read into memory. */
public final class BlobTooLargeException extends IOException {
  private final long size;
  private final long limit;

  public BlobTooLargeException(String key, long size, long limit) {
    super("blob " + key + " has " + size + " bytes, over the limit of " + limit);
    this.size = size;
    this.limit = limit;
  }

  public long size() {
    return size;
  }

  public long limit() {
    return limit;
  }
}
