package io.goproxymirror.mirror;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends one request line byte for byte over a plain socket, so tests can send what HTTP client
 * libraries refuse or normalise (dot segments, backslashes, control characters).
 */
final class RawHttp {
  record Response(int status, String head, String body) {}

  private RawHttp() {}

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
