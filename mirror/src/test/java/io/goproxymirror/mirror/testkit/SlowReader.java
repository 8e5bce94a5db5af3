package io.goproxymirror.mirror.testkit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * A plain HTTP/1.1 GET over a socket with a small receive buffer, reading the body at a chosen
 * pace, so the server must hold back (back-pressure). The body is hashed, not kept: a client of a
 * 400 MB file holds a few KiB. A stall shows as a short {@link Result#received} after the read
 * timeout, never as a hang.
 */
public final class SlowReader {
  private static final int RECEIVE_BUFFER = 64 << 10;
  private static final int READ_TIMEOUT_MILLIS = 60_000;

  private SlowReader() {}

  /** What one GET got: status, whether it was a cache hit, body length and SHA-256. */
  public record Result(int status, boolean hit, long received, long contentLength, byte[] sha256) {
    public boolean matches(byte[] expected) {
      return received == expected.length && Arrays.equals(sha256, digest(expected));
    }

    public boolean complete() {
      return status == 200 && received == contentLength;
    }
  }

  /** Reads the whole body as fast as it comes (the system's socket buffers, not the small one). */
  public static Result fast(int port, String path) {
    return get(port, path, Long.MAX_VALUE, 0, Long.MAX_VALUE, n -> { });
  }

  /** Reads {@code every} bytes, then sleeps {@code pauseMillis}, until the end (small receive buffer). */
  public static Result paced(int port, String path, long every, long pauseMillis) {
    return get(port, path, every, pauseMillis, n -> { });
  }

  /** As {@link #paced}, telling {@code progress} the bytes received so far after each read. */
  public static Result get(int port, String path, long every, long pauseMillis, LongConsumer progress) {
    return get(port, path, every, pauseMillis, Long.MAX_VALUE, progress);
  }

  /** Reads at least {@code afterBytes} of the body, then closes the connection. */
  public static Result abandon(int port, String path, long afterBytes) {
    return get(port, path, Long.MAX_VALUE, 0, afterBytes, n -> { });
  }

  private static Result get(int port, String path, long every, long pauseMillis, long closeAfter,
      LongConsumer progress) {
    try (Socket socket = new Socket()) {
      if (every != Long.MAX_VALUE || closeAfter != Long.MAX_VALUE) {
        socket.setReceiveBufferSize(RECEIVE_BUFFER);
      }
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = new BufferedInputStream(socket.getInputStream(), 16 << 10);
      String statusLine = line(in);
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      long length = -1;
      boolean hit = false;
      for (String header = line(in); !header.isEmpty(); header = line(in)) {
        String lower = header.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(header.substring(15).trim());
        } else if (lower.startsWith("x-cache:")) {
          hit = header.substring(8).trim().equals("HIT");
        }
      }
      MessageDigest sha = sha256();
      byte[] buffer = new byte[16 << 10];
      long received = 0;
      long sincePause = 0;
      while ((length < 0 || received < length) && received < closeAfter) {
        int n;
        try {
          n = in.read(buffer);
        } catch (SocketTimeoutException | SocketException stalledOrReset) {
          break;
        }
        if (n < 0) {
          break;
        }
        sha.update(buffer, 0, n);
        received += n;
        sincePause += n;
        progress.accept(received);
        if (sincePause >= every) {
          sincePause = 0;
          Thread.sleep(pauseMillis);
        }
      }
      return new Result(status, hit, received, length, sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static byte[] digest(byte[] bytes) {
    return sha256().digest(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed in the response head after: " + text);
      }
      if (c != '\r') {
        text.append((char) c);
      }
    }
    return text.toString();
  }
}
