package io.goproxymirror.mirror.fetch.git.locate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A loopback HTTP server playing every vanity host at once: the page for import path {@code p} is
 * served at {@code /p}. Unscripted paths get a 404 with an empty body. Requests are counted.
 */
public final class GoGetServer implements AutoCloseable {
  /** Answers one request. */
  interface Answer {
    void write(HttpExchange exchange) throws IOException, InterruptedException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  public GoGetServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A page for {@code importPath} with status 200. */
  public GoGetServer page(String importPath, String html) {
    return page(importPath, 200, html);
  }

  public GoGetServer page(String importPath, int status, String html) {
    return answer(importPath, exchange -> send(exchange, status, html.getBytes(StandardCharsets.UTF_8)));
  }

  GoGetServer redirect(String importPath, String location) {
    return answer(importPath, exchange -> {
      exchange.getResponseHeaders().add("Location", location);
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    });
  }

  GoGetServer answer(String importPath, Answer answer) {
    answers.put(importPath, answer);
    return this;
  }

  /** The go-get URL of {@code importPath} on this server. */
  public String url(String importPath) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + importPath + "?go-get=1";
  }

  public Function<String, String> pageUrl() {
    return this::url;
  }

  int requests(String importPath) {
    AtomicInteger n = counts.get(importPath);
    return n == null ? 0 : n.get();
  }

  static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath().substring(1);
    counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    Answer answer = answers.get(path);
    try {
      if (answer == null) {
        send(exchange, 404, new byte[0]);
      } else {
        answer.write(exchange);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client went away (timeout tests, truncated reads)
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** An HTML page with the given go-import contents in its head. */
  public static String html(String... contents) {
    StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html>\n<head>\n");
    for (String content : contents) {
      out.append("<meta name=\"go-import\" content=\"").append(content).append("\">\n");
    }
    return out.append("</head>\n<body>Nothing to see here.</body>\n</html>\n").toString();
  }
}
