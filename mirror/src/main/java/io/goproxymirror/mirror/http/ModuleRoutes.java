package io.goproxymirror.mirror.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.goproxymirror.mirror.errors.MethodNotAllowedException;
import io.goproxymirror.mirror.logs.ThrottledLog;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.protocol.Endpoint;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.serve.ArtifactService;
import io.goproxymirror.mirror.serve.LatestService;
import io.goproxymirror.mirror.serve.ListService;
import io.goproxymirror.mirror.serve.ZipService;
import io.goproxymirror.sync.port.ModuleVersion;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The GOPROXY protocol routes. Module paths contain {@code /} and arrive percent- and
 * case-escaped, so the raw request path is parsed strictly by {@link ProxyRequest#parse} (before
 * any normalisation could hide a dot segment) and the request is dispatched to one handler per
 * endpoint family. Other methods than GET and HEAD get 405.
 */
public final class ModuleRoutes {
  /**
   * The routing-context key of the parsed {@link ProxyRequest}; a handler in front that has parsed
   * the path already (the access check) may put it here, and it is not parsed again.
   */
  public static final String REQUEST = "goproxy.request";
  private static final Map<Endpoint, String> ENDPOINT_TAGS = new EnumMap<>(Endpoint.class);

  static {
    for (Endpoint e : Endpoint.values()) {
      ENDPOINT_TAGS.put(e, e.name().toLowerCase(Locale.ROOT));
    }
  }
  private final Map<Endpoint, Handler<RoutingContext>> handlers = new EnumMap<>(Endpoint.class);
  private final MirrorMetrics metrics;
  private final Consumer<ModuleVersion> clientMisses;
  /** Parsing is pure: hot paths are parsed once. Only valid requests are kept, bounded in number. */
  private final Cache<String, ProxyRequest> parsed = Caffeine.newBuilder().maximumSize(20_000).build();

  /**
   * Routes to {@code answers} (the serve services, see {@link ServiceAnswers}). {@code clientMisses}
   * learns each version whose {@code .mod} a client request caused to be stored (the sync worker
   * expands its requirements). At most {@code maxOpenFiles} stored files are kept open (fewer under
   * a low descriptor limit); failures of streamed downloads are logged through {@code log}.
   */
  public ModuleRoutes(ModuleAnswers answers, MirrorMetrics metrics, Consumer<ModuleVersion> clientMisses,
      int maxOpenFiles, ThrottledLog log) {
    this.metrics = metrics;
    this.clientMisses = clientMisses;
    ReplyWriter writer = new ReplyWriter(new OpenFileCache(maxOpenFiles), log);
    handlers.put(Endpoint.LIST, new ListHandler(answers, writer));
    handlers.put(Endpoint.INFO, new InfoHandler(answers, writer));
    handlers.put(Endpoint.MOD, new ModHandler(answers, writer));
    handlers.put(Endpoint.ZIP, new ZipHandler(answers, writer));
    handlers.put(Endpoint.LATEST, new LatestHandler(answers, writer));
  }

  /** Mounts the protocol routes; mount them after the operational routes. */
  public void mount(Router router) {
    router.route().handler(this::parse);
    router.route().handler(ctx -> handlers.get(request(ctx).endpoint()).handle(ctx));
  }

  static ProxyRequest request(RoutingContext ctx) {
    return ctx.get(REQUEST);
  }

  private void parse(RoutingContext ctx) {
    long start = System.nanoTime();
    String[] endpoint = {"invalid"};
    ctx.addEndHandler(v -> {
      String cache = cacheTag(ctx);
      int status = ctx.response().getStatusCode();
      metrics.request(endpoint[0], cache, status, System.nanoTime() - start);
      ProxyRequest served = ctx.get(REQUEST);
      if (status == 200 && "MISS".equals(cache) && served != null && served.endpoint() == Endpoint.MOD) {
        clientMisses.accept(new ModuleVersion(served.module(), served.version()));
      }
    });
    HttpMethod method = ctx.request().method();
    if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
      ctx.response().putHeader("Allow", "GET, HEAD");
      ctx.fail(new MethodNotAllowedException("method " + method.name() + " is not allowed; use GET or HEAD"));
      return;
    }
    ProxyRequest request = ctx.get(REQUEST);
    if (request == null) {
      String rawPath = RawPath.of(ctx.request());
      request = parsed.getIfPresent(rawPath);
      if (request == null) {
        request = ProxyRequest.parse(rawPath);
        parsed.put(rawPath, request);
      }
    }
    endpoint[0] = request.query() ? "query" : ENDPOINT_TAGS.get(request.endpoint());
    ctx.put(REQUEST, request);
    ctx.next();
  }

  private static String cacheTag(RoutingContext ctx) {
    String value = ctx.response().headers().get("X-Cache");
    return value == null ? "NONE" : value;
  }
}
