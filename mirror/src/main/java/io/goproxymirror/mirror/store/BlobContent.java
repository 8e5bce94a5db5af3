package io.goproxymirror.mirror.store;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An open blob, as {@link BlobStore#open} returns it: its size and its bytes, read from the one
 * version of the blob that was current when it was opened (a replace meanwhile is not seen).
 *
 * <p>Whoever receives it owns it and must either consume {@link #chunks} (which closes it at the
 * end, on error and on cancel) or {@link #close} it; an S3 blob holds a pooled connection until
 * then. Reading {@link #stream} blocks: do it on a worker thread, never on an event loop; {@link
 * #chunks} reads on the store's blocking scheduler, and only as far as downstream requested: the
 * bytes read ahead of the consumer are bounded by its demand, whatever the blob's size.
 */
public final class BlobContent implements Closeable {
  private final long size;
  private final InputStream stream;
  private final Scheduler io;
  private final Optional<Duration> stallTimeout;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Content of a source that cannot stall (a local file): {@link #chunks} has no stall timeout.
   *
   * @param size the number of bytes {@code stream} holds
   * @param stream the bytes; closing this content closes it
   * @param io where {@link #chunks} reads
   */
  public BlobContent(long size, InputStream stream, Scheduler io) {
    this(size, stream, io, Optional.empty());
  }

  /**
   * Content of a remote source (S3): {@link #chunks} fails when no chunk is emitted for {@code
   * stallTimeout}, whether the source or the consumer stopped, and so releases the source.
   *
   * @param size the number of bytes {@code stream} holds
   * @param stream the bytes; closing this content closes it
   * @param io where {@link #chunks} reads
   * @param stallTimeout the longest pause between two chunks
   */
  public BlobContent(long size, InputStream stream, Scheduler io, Duration stallTimeout) {
    this(size, stream, io, Optional.of(stallTimeout));
    if (stallTimeout.isNegative() || stallTimeout.isZero()) {
      throw new IllegalArgumentException("stallTimeout must be positive: " + stallTimeout);
    }
  }

  private BlobContent(long size, InputStream stream, Scheduler io, Optional<Duration> stallTimeout) {
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size);
    }
    this.size = size;
    this.stream = Objects.requireNonNull(stream, "stream");
    this.io = Objects.requireNonNull(io, "io");
    this.stallTimeout = stallTimeout;
  }

  /** The blob's length in bytes, known before any byte is read (a Content-Length). */
  public long size() {
    return size;
  }

  /** The bytes as a blocking stream; read it off the event loop. */
  public InputStream stream() {
    return stream;
  }

  /**
   * The bytes as chunks of at most {@code chunkSize}, read on the store's blocking scheduler as
   * downstream requests them: one chunk per requested item, never more. Fails with an {@link
   * IOException} if the stream ends before {@link #size} bytes or goes on after them, and with a
   * {@link BlobStoreException} ({@link BlobStoreFailure#TIMEOUT}) when a stall timeout is set and
   * no chunk came for that long (a stalled source, or a consumer that stopped requesting). Closes
   * this content, on the blocking scheduler, when it completes, fails or is cancelled. Subscribe once.
   */
  public Flowable<ByteBuffer> chunks(int chunkSize) {
    if (chunkSize <= 0) {
      throw new IllegalArgumentException("chunkSize must be positive: " + chunkSize);
    }
    Flowable<ByteBuffer> chunks = Flowable.<ByteBuffer, long[]>generate(
            () -> new long[1],
            (read, emitter) -> {
              long left = size - read[0];
              if (left == 0) {
                boolean exact = stream.read() < 0;
                close(); // before the terminal event, so whoever sees it sees the stream released
                if (exact) {
                  emitter.onComplete();
                } else {
                  emitter.onError(new IOException("blob is longer than its size of " + size + " bytes"));
                }
                return;
              }
              byte[] chunk = new byte[(int) Math.min(chunkSize, left)];
              int n = stream.readNBytes(chunk, 0, chunk.length);
              if (n == 0) {
                close();
                emitter.onError(new IOException("blob ended after " + read[0] + " of " + size + " bytes"));
                return;
              }
              read[0] += n;
              emitter.onNext(ByteBuffer.wrap(chunk, 0, n));
            },
            read -> close())
        .unsubscribeOn(io) // closing an S3 body aborts its connection: not on the canceller's thread
        .subscribeOn(io);
    return stallTimeout.map(limit -> chunks.timeout(limit.toMillis(), TimeUnit.MILLISECONDS,
            Flowable.<ByteBuffer>error(() -> stalled(limit))))
        .orElse(chunks);
  }

  private static BlobStoreException stalled(Duration limit) {
    return new BlobStoreException(BlobStoreFailure.TIMEOUT, "blob stream made no progress for "
        + limit.toMillis() + " ms (storage or client stalled); stopped", null);
  }

  /** Releases the stream (and an S3 connection); later calls do nothing. */
  @Override
  public void close() throws IOException {
    if (closed.compareAndSet(false, true)) {
      stream.close();
    }
  }
}
