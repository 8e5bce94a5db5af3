package io.goproxymirror.mirror;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A kept-alive HTTP/1.1 connection to 127.0.0.1 that sends requests byte for byte (raw targets,
 * odd methods) and reads each answer whole (Content-Length, chunked, or until the server closes).
 * A read that waits longer than the hang bound ends the exchange as {@link #HANG}. Not thread-safe:
 * one per worker thread.
 */
final class RawConnection implements AutoCloseable {
  /** The server closed the connection without answering. */
  static final int CLOSED = -1;
  /** No answer within the hang bound. */
  static final int HANG = -2;

  record Answer(int status, byte[] body) {}

  private final int port;
  private final int hangMillis;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  RawConnection(int port, int hangMillis) {
    this.port = port;
    this.hangMillis = hangMillis;
  }

  Answer exchange(HostileRequest request) throws IOException {
    boolean reused = socket != null;
    Answer answer = attempt(request);
    // A kept-alive connection may have been closed by the server between two requests: that
    // request was never read, so it is sent once more on a fresh connection.
    return answer.status() == CLOSED && reused ? attempt(request) : answer;
  }

  private Answer attempt(HostileRequest request) throws IOException {
    if (socket == null) {
      open();
    }
    try {
      write(request);
      return read(request.method().equals("HEAD"));
    } catch (SocketTimeoutException e) {
      close();
      return new Answer(HANG, new byte[0]);
    } catch (IOException e) {
      // A connection the server closed (after an answer that said so, or instead of one).
      close();
      return new Answer(CLOSED, new byte[0]);
    }
  }

  private void open() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress("127.0.0.1", port), hangMillis);
    socket.setSoTimeout(hangMillis);
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    out = socket.getOutputStream();
  }

  private void write(HostileRequest request) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream(256 + request.target().length);
    head.writeBytes((request.method() + " ").getBytes(StandardCharsets.ISO_8859_1));
    head.writeBytes(request.target());
    head.writeBytes(" HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      head.writeBytes((header.getKey() + ": " + header.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    head.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    head.writeBytes(request.body());
    out.write(head.toByteArray());
    out.flush();
  }

  private Answer read(boolean head) throws IOException {
    String statusLine = line();
    if (statusLine == null) {
      close();
      return new Answer(CLOSED, new byte[0]);
    }
    String[] parts = statusLine.split(" ", 3);
    int status = Integer.parseInt(parts[1]);
    long length = -1;
    boolean chunked = false;
    boolean closeAfter = false;
    for (String header = line(); header != null && !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      String name = header.substring(0, Math.max(colon, 0)).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.contains("chunked");
        case "connection" -> closeAfter = value.contains("close");
        default -> { }
      }
    }
    byte[] body;
    if (head || status == 204 || status == 304 || (status >= 100 && status < 200)) {
      body = new byte[0];
    } else if (chunked) {
      body = chunks();
    } else if (length >= 0) {
      body = in.readNBytes((int) length);
    } else {
      body = in.readAllBytes();
      closeAfter = true;
    }
    if (closeAfter) {
      close();
    }
    return new Answer(status, body);
  }

  private byte[] chunks() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line();
      if (size == null) {
        throw new IOException("chunked body ended early");
      }
      int n = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
      if (n == 0) {
        for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
          // trailers are ignored
        }
        return body.toByteArray();
      }
      body.writeBytes(in.readNBytes(n));
      line();
    }
  }

  /** One CRLF-terminated line without its end, or null at the end of the stream. */
  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // Already gone: nothing more to release.
      }
      socket = null;
    }
  }
}
