package io.goproxymirror.mirror.store.s3;

import io.goproxymirror.mirror.store.BlobStoreException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * The body of a GET. Closed after its last byte, it hands the connection back to the pool; closed
 * earlier (a client went away mid-download), it aborts the connection instead of reading the rest
 * of a possibly large object just to reuse it. Read failures are {@link
 * BlobStoreException}s.
 */
final class S3BodyStream extends FilterInputStream {
  private final ResponseInputStream<?> response;
  private final String where;
  private final Runnable onClose;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean ended;

  /** @param where the object, for messages */
  S3BodyStream(ResponseInputStream<?> response, String where) {
    this(response, where, () -> { });
  }

  /**
   * @param where the object, for messages
   * @param onClose run once, after the first {@link #close}
   */
  S3BodyStream(ResponseInputStream<?> response, String where, Runnable onClose) {
    super(response);
    this.response = response;
    this.where = where;
    this.onClose = onClose;
  }

  @Override
  public int read() throws IOException {
    try {
      int b = super.read();
      ended |= b < 0;
      return b;
    } catch (IOException e) {
      throw S3Failures.bodyFailure(e, where);
    }
  }

  @Override
  public int read(byte[] buffer, int off, int len) throws IOException {
    try {
      int n = super.read(buffer, off, len);
      ended |= n < 0;
      return n;
    } catch (IOException e) {
      throw S3Failures.bodyFailure(e, where);
    }
  }

  @Override
  public void close() throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (!ended) {
        response.abort();
      }
      super.close();
    } finally {
      onClose.run();
    }
  }
}
