package io.goproxymirror.mirror;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Sends one request line byte for byte over a plain socket, so tests can send what HTTP client
 * libraries refuse or normalise (dot segments, backslashes, control characters).
 */
final class RawHttp {
  record Response(int status, String head, String body) {}

  /** What came back on a connection: all bytes read, and whether the server closed the connection. */
  record Exchange(String text, boolean closed) {
    /** How many responses the bytes hold (status lines). */
    int responses() {
      return text.split("HTTP/1\\.[01] \\d{3} ", -1).length - 1;
    }

    /** The status of the first response, or -1 when nothing came. */
    int status() {
      return text.startsWith("HTTP/1.") && text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : -1;
    }
  }

  private RawHttp() {}

  /**
   * Sends {@code request} byte for byte and reads until the server closes the connection or
   * {@code waitMillis} pass without it doing so.
   */
  static Exchange exchange(int port, String request, int waitMillis) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return readUntilClosed(socket, waitMillis);
    }
  }

  /** Reads from {@code socket} until it is closed by the peer or {@code waitMillis} pass. */
  static Exchange readUntilClosed(Socket socket, int waitMillis) throws IOException {
    socket.setSoTimeout(waitMillis);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    boolean closed;
    try {
      InputStream in = socket.getInputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        all.write(buffer, 0, n);
      }
      closed = true;
    } catch (SocketTimeoutException e) {
      closed = false;
    } catch (SocketException e) {
      closed = true;
    }
    return new Exchange(all.toString(StandardCharsets.ISO_8859_1), closed);
  }

  static Response send(int port, String method, String rawTarget) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(15000);
      OutputStream out = socket.getOutputStream();
      byte[] line = (method + " ").getBytes(StandardCharsets.ISO_8859_1);
      out.write(line);
      out.write(rawTarget.getBytes(StandardCharsets.ISO_8859_1));
      out.write(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.ISO_8859_1);
      int split = text.indexOf("\r\n\r\n");
      String head = split >= 0 ? text.substring(0, split) : text;
      String body = split >= 0 ? text.substring(split + 4) : "";
      String[] status = head.split(" ", 3);
      return new Response(status.length > 1 ? Integer.parseInt(status[1]) : -1, head, body);
    }
  }
}
