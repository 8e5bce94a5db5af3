package io.goproxymirror.mirror.store.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * The bytes {@code offset..offset+length} of a file as a request body that can be read again from
 * the start for every attempt, so a retried upload or part resends the right bytes without holding
 * them in memory. A file shorter than the slice fails the read ({@link StagedFileException})
 * instead of sending less. Close it after the request.
 */
final class FileSlice implements ContentStreamProvider, AutoCloseable {
  private final Path file;
  private final long offset;
  private final long length;
  private InputStream current;

  FileSlice(Path file, long offset, long length) {
    this.file = file;
    this.offset = offset;
    this.length = length;
  }

  @Override
  public synchronized InputStream newStream() {
    try {
      if (current != null) {
        current.close();
      }
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      channel.position(offset);
      current = new Limited(Channels.newInputStream(channel), length);
      return current;
    } catch (IOException e) {
      throw new UncheckedIOException(new StagedFileException("cannot read staged file " + file, e));
    }
  }

  /** Closes the stream of the last attempt (the SDK does not). */
  @Override
  public synchronized void close() throws IOException {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  /** Exactly {@code left} bytes of {@code in}: fewer is an error, more are not read. */
  private static final class Limited extends FilterInputStream {
    private long left;

    Limited(InputStream in, long left) {
      super(in);
      this.left = left;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left == 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new StagedFileException("staged file is shorter than when its upload began, " + left
            + " bytes missing", null);
      }
      left -= n;
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = in.skip(Math.min(n, left));
      left -= skipped;
      return skipped;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(in.available(), left);
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
