package io.goproxymirror.mirror.testkit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 whose answers a test scripts per request path (percent-decoded, see
 * {@link RequestLog}). {@code on(path, r1, r2, r3)} answers the first request with r1, the second
 * with r2 and every later one with r3. Unscripted paths get 404. Every request is recorded.
 */
public final class ScriptedUpstream implements AutoCloseable {

  private final Vertx vertx;
  private final RequestLog requests = new RequestLog();
  private final Map<String, Script> scripts = new ConcurrentHashMap<>();
  private volatile Reply fallback = Reply.notFound();
  private LoopbackServer server;

  private ScriptedUpstream(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Starts the server; blocks until listening (do not call on an event loop). */
  public static ScriptedUpstream start(Vertx vertx) {
    return LoopbackServer.await(listen(vertx));
  }

  public static Future<ScriptedUpstream> listen(Vertx vertx) {
    ScriptedUpstream upstream = new ScriptedUpstream(vertx);
    return LoopbackServer.listen(vertx, upstream::handle).map(server -> {
      upstream.server = server;
      return upstream;
    });
  }

  /** Scripts {@code path}: the n-th request gets the n-th reply, the last reply repeats. */
  public ScriptedUpstream on(String path, Reply... replies) {
    if (replies.length == 0) {
      throw new IllegalArgumentException("at least one reply");
    }
    scripts.put(path, new Script(List.copyOf(Arrays.asList(replies)), new AtomicInteger()));
    return this;
  }

  /** The reply for unscripted paths (default 404). */
  public ScriptedUpstream otherwise(Reply reply) {
    this.fallback = reply;
    return this;
  }

  public RequestLog requests() {
    return requests;
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    LoopbackServer.await(server.close());
  }

  private void handle(HttpServerRequest request) {
    String decoded = requests.record(request.path());
    Script script = scripts.get(decoded == null ? request.path() : decoded);
    Reply reply = script == null ? fallback : script.next();
    if (reply.neverAnswer()) {
      return;
    }
    long delay = reply.headerDelay().toMillis();
    if (delay > 0) {
      vertx.setTimer(delay, id -> perform(request, reply));
    } else {
      perform(request, reply);
    }
  }

  private void perform(HttpServerRequest request, Reply reply) {
    HttpServerResponse response = request.response();
    if (response.closed()) {
      return;
    }
    if (reply.reset() && reply.truncateAfter() < 0) {
      abort(request, true);
      return;
    }
    response.setStatusCode(reply.status());
    reply.headers().forEach(response::putHeader);
    if (!reply.headers().containsKey("Content-Length")) {
      response.putHeader("Content-Length", Integer.toString(reply.body().length));
    }
    if (reply.declaredLength() < reply.body().length) {
      // The bytes past the declared length would otherwise be read as the answer to the client's
      // next request on the same pooled connection, which never reaches this server: the lie is
      // about this response, so the connection is not offered for reuse.
      response.putHeader("Connection", "close");
    }
    if (request.method() == HttpMethod.HEAD) {
      response.end();
      return;
    }
    // A Content-Length that differs from the bytes sent (a lie, or a truncation) can only end with
    // the connection: the client cannot find the end of the response otherwise.
    boolean truncated = reply.truncateAfter() >= 0 || reply.declaredLength() != reply.body().length;
    int limit = reply.truncateAfter() >= 0 ? Math.min(reply.truncateAfter(), reply.body().length) : reply.body().length;
    if (reply.dripBytes() > 0 && reply.dripInterval().toMillis() > 0) {
      // A drip starts with the headers on the wire: only the body is slow, not the first byte.
      response.write(Buffer.buffer()).onSuccess(v -> send(request, reply, 0, limit, truncated));
    } else {
      send(request, reply, 0, limit, truncated);
    }
  }

  private void send(HttpServerRequest request, Reply reply, int offset, int limit, boolean truncated) {
    HttpServerResponse response = request.response();
    if (offset >= limit) {
      if (truncated) {
        // The empty write flushes the headers even when no body byte was sent.
        response.write(Buffer.buffer()).onComplete(ar -> abort(request, reply.reset()));
      } else {
        response.end();
      }
      return;
    }
    int chunk = reply.dripBytes() > 0 ? Math.min(reply.dripBytes(), limit - offset) : limit - offset;
    Buffer bytes = Buffer.buffer(Arrays.copyOfRange(reply.body(), offset, offset + chunk));
    Runnable write = () -> {
      if (!response.closed()) {
        response.write(bytes).onSuccess(v -> send(request, reply, offset + chunk, limit, truncated));
      }
    };
    long interval = reply.dripBytes() > 0 ? reply.dripInterval().toMillis() : 0;
    if (interval > 0) {
      vertx.setTimer(interval, id -> write.run());
    } else {
      write.run();
    }
  }

  /**
   * Closes the connection under the response: with SO_LINGER 0 (a TCP reset) or a plain close.
   * Reaches into Vert.x internals for the Netty channel; falls back to a normal close.
   */
  private static void abort(HttpServerRequest request, boolean reset) {
    HttpConnection connection = request.connection();
    if (connection instanceof ConnectionBase base) {
      Channel channel = base.channel();
      if (reset) {
        channel.config().setOption(ChannelOption.SO_LINGER, 0);
      }
      channel.close();
    } else {
      connection.close();
    }
  }

  private record Script(List<Reply> replies, AtomicInteger served) {
    Reply next() {
      int n = served.getAndIncrement();
      return replies.get(Math.min(n, replies.size() - 1));
    }
  }
}
