package io.goproxymirror.mirror.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 GETs written and read by hand over a socket, for tests that look at what a client sees
 * of a connection: whether it is kept alive, closed after an answer, or refused.
 */
public final class HttpProbe {
  private static final int TIMEOUT_MILLIS = 20_000;

  private HttpProbe() {}

  /** One answer: status, headers (names in lower case) and body. */
  public record Answer(int status, Map<String, String> headers, String body) {}

  /** A connection to {@code 127.0.0.1:port}, reads bounded by 20 s. */
  public static Socket connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    socket.setSoTimeout(TIMEOUT_MILLIS);
    return socket;
  }

  /**
   * A GET of {@code path} on a new connection, closed afterwards; empty when the connection is
   * refused (nothing listens on the port).
   */
  public static Optional<Answer> get(int port, String path) {
    try (Socket socket = connect(port)) {
      return Optional.of(exchange(socket, path));
    } catch (ConnectException refused) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One GET of {@code path} on {@code socket} (kept alive), its whole answer read by Content-Length. */
  public static Answer exchange(Socket socket, String path) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(("GET " + path + " HTTP/1.1\r\nHost: mirror\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = new BufferedInputStream(socket.getInputStream(), 1);
    int status = Integer.parseInt(line(in).split(" ")[1]);
    Map<String, String> headers = new HashMap<>();
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  /** Whether the server closed {@code socket} after its last answer, rather than keeping it open (20 s). */
  public static boolean closedByServer(Socket socket) throws IOException {
    try {
      return socket.getInputStream().read() < 0;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return reset.getMessage() != null && reset.getMessage().contains("reset");
    }
  }

  /** The response head up to and including its blank line. */
  public static String head(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("connection closed in the response head: " + head);
      }
      head.append((char) c);
    }
    return head.toString();
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed in the answer's head");
      }
      if (c != '\r') {
        line.write(c);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }
}
