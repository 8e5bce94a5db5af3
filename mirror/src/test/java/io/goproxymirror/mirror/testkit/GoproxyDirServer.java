package io.goproxymirror.mirror.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Serves a directory laid out as a GOPROXY tree (for example {@code GoDirect#downloadCacheDir()})
 * over HTTP on 127.0.0.1: GET and HEAD for {@code <escaped module>/@v/list}, {@code .info},
 * {@code .mod}, {@code .zip} and {@code @latest}; 404 for anything else or anything missing, 400
 * for paths containing {@code ..}; nothing outside the root is ever served. Every request path is
 * recorded in {@link #requests()}. An optional delay is applied before each response.
 */
public final class GoproxyDirServer implements AutoCloseable {

  private static final Pattern ROUTE =
      Pattern.compile("^/.+/(@v/list|@v/[^/]+\\.(info|mod|zip)|@latest)$");

  private final Vertx vertx;
  private final Path root;
  private final RequestLog requests = new RequestLog();
  private volatile Duration delay = Duration.ZERO;
  private LoopbackServer server;

  private GoproxyDirServer(Vertx vertx, Path root) {
    this.vertx = vertx;
    this.root = root.toAbsolutePath().normalize();
  }

  /** Starts serving {@code root}; blocks until listening (do not call on an event loop). */
  public static GoproxyDirServer start(Vertx vertx, Path root) {
    return LoopbackServer.await(listen(vertx, root));
  }

  public static Future<GoproxyDirServer> listen(Vertx vertx, Path root) {
    GoproxyDirServer dir = new GoproxyDirServer(vertx, root);
    return LoopbackServer.listen(vertx, dir::handle).map(server -> {
      dir.server = server;
      return dir;
    });
  }

  /** Waits {@code newDelay} before answering each subsequent request. */
  public GoproxyDirServer delay(Duration newDelay) {
    this.delay = newDelay;
    return this;
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  public int port() {
    return server.port();
  }

  public Path root() {
    return root;
  }

  public RequestLog requests() {
    return requests;
  }

  @Override
  public void close() {
    LoopbackServer.await(server.close());
  }

  private void handle(HttpServerRequest request) {
    String path = requests.record(request.path());
    long millis = delay.toMillis();
    if (millis > 0) {
      vertx.setTimer(millis, id -> respond(request, path));
    } else {
      respond(request, path);
    }
  }

  private void respond(HttpServerRequest request, String path) {
    HttpServerResponse response = request.response();
    if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
      plain(response, 405, "method not allowed");
    } else if (path == null || !safe(path)) {
      plain(response, 400, "bad request");
    } else if (!ROUTE.matcher(path).matches()) {
      plain(response, 404, "not found");
    } else {
      Path file = root.resolve(path.substring(1)).normalize();
      vertx.executeBlocking(() -> servableSize(file), false).onComplete(size -> {
        if (size.failed() || size.result() < 0) {
          plain(response, 404, "not found");
        } else {
          sendFile(request, file, size.result());
        }
      });
    }
  }

  private static void sendFile(HttpServerRequest request, Path file, long size) {
    HttpServerResponse response = request.response();
    response.putHeader("Content-Type", contentType(file.getFileName().toString()));
    if (request.method() == HttpMethod.HEAD) {
      response.putHeader("Content-Length", Long.toString(size)).end();
    } else {
      response.sendFile(file.toString());
    }
  }

  /** The size of a regular file inside the root (after resolving symlinks), else -1. */
  private long servableSize(Path file) throws Exception {
    boolean inside = file.startsWith(root) && Files.isRegularFile(file)
        && file.toRealPath().startsWith(root.toRealPath());
    return inside ? Files.size(file) : -1;
  }

  private static boolean safe(String path) {
    if (path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
      return false;
    }
    for (String segment : path.split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        return false;
      }
    }
    return true;
  }

  private static String contentType(String name) {
    if (name.endsWith(".info") || name.equals("@latest")) {
      return "application/json";
    }
    if (name.endsWith(".zip")) {
      return "application/zip";
    }
    return "text/plain; charset=utf-8";
  }

  private static void plain(HttpServerResponse response, int status, String message) {
    response.setStatusCode(status)
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .end(message + "\n");
  }
}
