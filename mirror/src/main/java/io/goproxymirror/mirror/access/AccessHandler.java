package io.goproxymirror.mirror.access;

import io.goproxymirror.mirror.auth.AccessDecision;
import io.goproxymirror.mirror.auth.AccessGate;
import io.goproxymirror.mirror.auth.AccessLog;
import io.goproxymirror.mirror.auth.AccessRequest;
import io.goproxymirror.mirror.errors.ForbiddenException;
import io.goproxymirror.mirror.errors.MirrorException;
import io.goproxymirror.mirror.errors.TooManyRequestsException;
import io.goproxymirror.mirror.errors.UnauthorizedException;
import io.goproxymirror.mirror.http.AdminRoutes;
import io.goproxymirror.mirror.http.ModuleRoutes;
import io.goproxymirror.mirror.http.RawPath;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The access check in front of every route. A request for something open ({@code /healthz},
 * {@code /readyz}, or a resource no rule restricts for anonymous clients) goes on at once, without
 * looking at its credentials; any other is decided by the {@link AccessGate}: allowed requests go
 * on (the admin API learns that the principal is in group {@code admin}), refused ones fail with
 * {@link UnauthorizedException} (one {@code WWW-Authenticate} header per challenge), {@link
 * ForbiddenException} or {@link TooManyRequestsException} (with {@code Retry-After}), answered by
 * the failure handler as one line, never cached.
 *
 * <p>A request for the admin API with {@code Authorization: Bearer <admin.token>} goes on to the
 * admin routes, which check the token as they always did. Every request for a restricted module,
 * allowed or not, writes one {@link AccessLog} line when it ends. An allowed answer that needed
 * credentials is cacheable privately only ({@code Cache-Control: private ...}, {@code Vary:
 * Authorization}). The client address used by the
 * failure throttle is the TCP peer's address (a reverse proxy in front makes all clients one
 * address; {@code X-Forwarded-For} is not trusted).
 */
public final class AccessHandler implements Handler<RoutingContext> {
  private static final CharSequence VARY_AUTHORIZATION = HttpHeaders.createOptimized("Authorization");
  private final AccessGate gate;
  private final AccessLog accessLog;
  private final Optional<byte[]> adminToken;
  private final AccessTargets targets = new AccessTargets();

  /** {@code adminToken}: {@code admin.token}, which keeps opening the admin API. */
  public AccessHandler(AccessGate gate, AccessLog accessLog, Optional<String> adminToken) {
    this.gate = gate;
    this.accessLog = accessLog;
    this.adminToken = adminToken.map(t -> t.getBytes(StandardCharsets.UTF_8));
  }

  /** Mounts the check before every route; mount it first. */
  public void mount(Router router) {
    router.route().handler(this);
  }

  @Override
  public void handle(RoutingContext ctx) {
    AccessTarget target = targets.of(RawPath.of(ctx.request()));
    if (target.protocol() != null) {
      ctx.put(ModuleRoutes.REQUEST, target.protocol());
    }
    if (target.open() || !gate.restricted(target.resource())) {
      ctx.next();
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    if (target.admin() && adminTokenPresented(header)) {
      ctx.next();
      return;
    }
    HttpServerRequest request = ctx.request();
    AccessRequest access = new AccessRequest(address(request), header, target.resource());
    Optional<AccessDecision> now = gate.decideNow(access);
    if (now.isPresent()) {
      apply(ctx, target, now.get(), false);
      return;
    }
    boolean body = request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD;
    if (body) {
      request.pause();
    }
    Context context = ctx.vertx().getOrCreateContext();
    gate.decide(access).subscribe(
        decision -> onContext(context, () -> apply(ctx, target, decision, body)),
        failure -> onContext(context, () -> ctx.fail(failure)));
  }

  private void apply(RoutingContext ctx, AccessTarget target, AccessDecision decision, boolean body) {
    if (target.moduleTarget() && accessLog.enabled()) {
      ctx.addEndHandler(v -> accessLog.download(decision, target.module(), target.version(), target.artifact(),
          ctx.response().getStatusCode()));
    }
    if (body) {
      ctx.request().resume();
    }
    if (decision.allowed()) {
      ctx.addHeadersEndHandler(v -> keepPrivate(ctx.response()));
      if (target.admin()) {
        ctx.put(AdminRoutes.GRANTED, Boolean.TRUE);
      }
      ctx.next();
      return;
    }
    HttpServerResponse response = ctx.response();
    for (String challenge : decision.challenges()) {
      response.headers().add("WWW-Authenticate", challenge);
    }
    decision.retryAfter().ifPresent(wait -> response.putHeader("Retry-After", Long.toString(wait.toSeconds())));
    ctx.fail(refusal(decision));
  }

  /**
   * An answer that needed credentials may be kept by the client's own cache, never by a shared one
   * (a caching proxy or CDN in front would hand it to clients without them): {@code public}
   * becomes {@code private}, and the answer varies by {@code Authorization}.
   */
  private static void keepPrivate(HttpServerResponse response) {
    String caching = response.headers().get(HttpHeaders.CACHE_CONTROL);
    if (caching != null && caching.startsWith("public")) {
      response.headers().set(HttpHeaders.CACHE_CONTROL, "private" + caching.substring("public".length()));
    }
    response.headers().add(HttpHeaders.VARY, VARY_AUTHORIZATION);
  }

  private static MirrorException refusal(AccessDecision decision) {
    return switch (decision.outcome()) {
      case FORBIDDEN -> new ForbiddenException(decision.message());
      case THROTTLED -> new TooManyRequestsException(decision.message());
      default -> new UnauthorizedException(decision.message());
    };
  }

  private boolean adminTokenPresented(String header) {
    if (adminToken.isEmpty() || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(header.substring(7).strip().getBytes(StandardCharsets.UTF_8), adminToken.get());
  }

  /** The TCP peer's address, as the connection knows it (Vert.x Web's request would parse forwarding headers first). */
  private static String address(HttpServerRequest request) {
    SocketAddress remote = request.connection().remoteAddress();
    if (remote == null) {
      return "unknown";
    }
    String host = remote.hostAddress();
    return host == null ? remote.toString() : host;
  }

  /** Runs {@code action} on the request's context: at once when the decision came synchronously. */
  private static void onContext(Context context, Runnable action) {
    if (context.equals(Vertx.currentContext())) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }
}
