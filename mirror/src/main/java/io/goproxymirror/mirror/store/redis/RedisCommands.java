package io.goproxymirror.mirror.store.redis;

import io.goproxymirror.mirror.errors.MetadataUnavailableException;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends one command at a time as a cold {@link Maybe} (empty for a nil reply) that fails after the
 * command timeout. A command that went to a pooled connection Redis had already closed (after a
 * restart or a failover) is sent once more on another connection, within the same timeout: every
 * command of the store is idempotent. Every failure of Redis becomes a {@link
 * MetadataUnavailableException} whose message says what happened (no answer in time, an error
 * reply such as {@code NOAUTH}, no connection, a lost connection, another failure) and whose cause
 * keeps the details for the log. Calls after {@link #close()} fail with {@link
 * IllegalStateException}.
 */
final class RedisCommands {
  private static final String UNAVAILABLE = "metadata store unavailable: ";

  private final Redis redis;
  private final Duration timeout;
  private final Scheduler timer;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param timer the scheduler the timeout runs on
   */
  RedisCommands(Redis redis, Duration timeout, Scheduler timer) {
    this.redis = redis;
    this.timeout = timeout;
    this.timer = timer;
  }

  Maybe<Response> send(Request request) {
    return Maybe.<Response>create(emitter -> {
          if (closed.get()) {
            emitter.onError(new IllegalStateException("the Redis metadata store is closed"));
            return;
          }
          redis.send(request).onComplete((response, failure) -> {
            if (failure != null) {
              emitter.tryOnError(failure);
            } else if (response == null) {
              emitter.onComplete();
            } else {
              emitter.onSuccess(response);
            }
          });
        })
        .retry(1, RedisCommands::lostConnection)
        .timeout(timeout.toNanos(), TimeUnit.NANOSECONDS, timer)
        .onErrorResumeNext(failure -> Maybe.error(translate(failure)));
  }

  /** Marks the commands closed and closes the client; later calls do nothing. */
  Future<Void> close() {
    return closed.compareAndSet(false, true) ? redis.close() : Future.succeededFuture();
  }

  private Throwable translate(Throwable failure) {
    if (failure instanceof IllegalStateException || failure instanceof MetadataUnavailableException) {
      return failure;
    }
    String what;
    if (failure instanceof TimeoutException) {
      what = "Redis did not answer within " + describe(timeout);
    } else if (failure instanceof ConnectException) {
      what = "cannot connect to Redis";
    } else if (lostConnection(failure)) {
      what = "lost the connection to Redis";
    } else if (failure instanceof Response reply && reply.type() == ResponseType.ERROR) {
      what = "Redis answered " + errorCode(failure);
    } else {
      what = "Redis request failed";
    }
    return new MetadataUnavailableException(UNAVAILABLE + what, failure);
  }

  /**
   * A connection closed under the command: an I/O error other than a refused connection, or the
   * Vert.x client's own {@code CONNECTION_CLOSED} and {@code Connection is closed} failures.
   */
  private static boolean lostConnection(Throwable failure) {
    if (failure instanceof ConnectException) {
      return false;
    }
    String message = String.valueOf(failure.getMessage());
    return failure instanceof IOException
        || message.equals("CONNECTION_CLOSED")
        || message.equals("Connection is closed");
  }

  /** The first word of an error reply ({@code WRONGPASS}), letters only. */
  private static String errorCode(Throwable reply) {
    String message = String.valueOf(reply.getMessage());
    int space = message.indexOf(' ');
    return (space > 0 ? message.substring(0, space) : message).replaceAll("[^A-Za-z_-]", "");
  }

  private static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
