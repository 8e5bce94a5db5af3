package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.errors.BadRequestException;
import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.errors.OverloadedException;
import io.goproxymirror.mirror.errors.UnauthorizedException;
import io.goproxymirror.sync.SyncWorker;
import io.goproxymirror.sync.expansion.ProjectFileSyntaxException;
import io.goproxymirror.sync.leadership.NotLeaderException;
import io.goproxymirror.sync.warm.TooManyWarmJobsException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The admin API of the process that runs the sync worker: {@code POST /admin/warm} (a go.mod or
 * go.sum as the body) starts a warm job, {@code GET /admin/warm/{id}} reports it, {@code GET
 * /admin/sync} reports the worker. Every request needs {@code Authorization: Bearer <admin.token>}
 * (compared in constant time), or a principal in group {@code admin} (access control, {@link
 * #GRANTED}); without a token configured (and no such principal), or without a worker in this
 * process, every admin path answers 404 with the reason.
 */
public final class AdminRoutes {
  /**
   * The routing-context key the access check sets to {@code Boolean.TRUE} when the client is a
   * principal in group {@code admin}: the admin token is then not asked for.
   */
  public static final String GRANTED = "goproxy.admin.granted";
  /** The largest go.mod or go.sum accepted. */
  public static final long MAX_BODY_BYTES = 4L * 1024 * 1024;

  private final Optional<byte[]> token;
  private final Optional<SyncWorker> worker;

  public AdminRoutes(Optional<String> token, Optional<SyncWorker> worker) {
    this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    this.worker = worker;
  }

  /** Mounts {@code /admin/*}; mount before the protocol routes. */
  public void mount(Router router) {
    router.route("/admin/*").handler(this::guard);
    router.post("/admin/warm").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
        .handler(this::warm);
    router.get("/admin/warm/:id").handler(this::job);
    router.get("/admin/sync").handler(ctx -> json(ctx, 200, worker.orElseThrow().status()));
    router.route("/admin/*").handler(ctx -> ctx.fail(new NotFoundException(
        "no such admin endpoint: use POST /admin/warm, GET /admin/warm/{id} or GET /admin/sync")));
  }

  private void guard(RoutingContext ctx) {
    boolean granted = Boolean.TRUE.equals(ctx.get(GRANTED));
    if (token.isEmpty() && !granted) {
      ctx.fail(new NotFoundException("the admin API is off: set admin.token (MIRROR_ADMIN_TOKEN)"));
      return;
    }
    if (worker.isEmpty()) {
      ctx.fail(new NotFoundException(
          "the admin API is served by the sync worker's process (--role worker or all), not this replica"));
      return;
    }
    if (granted) {
      ctx.next();
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    byte[] presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
        ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8)
        : new byte[0];
    if (!MessageDigest.isEqual(presented, token.get())) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"goproxy-mirror admin\"");
      ctx.fail(new UnauthorizedException("missing or wrong admin token (Authorization: Bearer <admin.token>)"));
      return;
    }
    ctx.next();
  }

  private void warm(RoutingContext ctx) {
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    if (body.length == 0) {
      ctx.fail(new BadRequestException("empty body: post the contents of a go.mod or go.sum"));
      return;
    }
    worker.orElseThrow().warm(body).subscribe(
        job -> json(ctx, 202, job.toJson().put("status", "/admin/warm/" + job.id())),
        err -> ctx.fail(translate(err)));
  }

  private void job(RoutingContext ctx) {
    worker.orElseThrow().warmJob(ctx.pathParam("id")).ifPresentOrElse(
        job -> json(ctx, 200, job.toJson()),
        () -> ctx.fail(new NotFoundException("no warm job with this id (jobs are kept in the worker's memory)")));
  }

  private static Throwable translate(Throwable err) {
    if (err instanceof ProjectFileSyntaxException) {
      return new BadRequestException(err.getMessage(), err);
    }
    if (err instanceof TooManyWarmJobsException || err instanceof NotLeaderException) {
      return new OverloadedException(err.getMessage(), err);
    }
    return err;
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encodePrettily() + "\n");
  }
}
