package io.goproxymirror.mirror.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal blocking Redis client for tests: one command per connection, RESP2 replies as plain
 * Java values, so a test can set up or inspect a server without the client under test.
 */
public final class RespClient {

  private RespClient() {}

  /**
   * Sends {@code args} to {@code 127.0.0.1:port} and returns the reply: a {@link String} for
   * simple and bulk strings, {@code "-ERR ..."} for an error, a {@link Long} for integers, a
   * {@link List} for arrays, null for nil.
   *
   * @param password sent with {@code AUTH} first when not null
   * @throws UncheckedIOException when the server cannot be reached or answers nothing in 5 s
   */
  public static Object authenticated(int port, String password, String... args) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      if (password != null) {
        write(out, "AUTH", password);
        read(in);
      }
      write(out, args);
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("redis on port " + port + ": " + e.getMessage(), e);
    }
  }

  /** {@link #authenticated(int, String, String...)} without a password. */
  public static Object call(int port, String... args) {
    return authenticated(port, null, args);
  }

  private static void write(OutputStream out, String... args) throws IOException {
    StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
    for (String arg : args) {
      byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
      command.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
    }
    out.write(command.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static Object read(InputStream in) throws IOException {
    int type = in.read();
    String line = line(in);
    switch (type) {
      case '+':
        return line;
      case '-':
        return "-" + line;
      case ':':
        return Long.parseLong(line);
      case '$': {
        int length = Integer.parseInt(line);
        if (length < 0) {
          return null;
        }
        byte[] bytes = in.readNBytes(length + 2);
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
      }
      case '*': {
        int count = Integer.parseInt(line);
        if (count < 0) {
          return null;
        }
        List<Object> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          items.add(read(in));
        }
        return items;
      }
      default:
        throw new IOException("unexpected reply type " + type);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\r'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed");
      }
      bytes.write(b);
    }
    in.read(); // '\n'
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
