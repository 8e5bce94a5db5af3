package io.goproxymirror.mirror.store.redis;

import io.goproxymirror.mirror.errors.MetadataUnavailableException;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends one command at a time as a cold {@link Maybe} (empty for a nil reply) that fails after the
 * command timeout. Every failure of Redis becomes a {@link MetadataUnavailableException} whose
 * message says what happened (timed out, an error reply such as {@code NOAUTH}, no connection,
 * another failure of the client such as a full wait queue) and whose cause
 * keeps the details for the log; calls after {@link #close()} fail with {@link
 * IllegalStateException}.
 */
final class RedisCommands {
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
    if (failure instanceof TimeoutException) {
      return new MetadataUnavailableException(
          "metadata store unavailable: Redis did not answer within " + describe(timeout), failure);
    }
    if (failure instanceof Response reply && reply.type() == ResponseType.ERROR) {
      String message = String.valueOf(failure.getMessage());
      int space = message.indexOf(' ');
      String code = space > 0 ? message.substring(0, space) : message;
      return new MetadataUnavailableException(
          "metadata store unavailable: Redis answered " + code.replaceAll("[^A-Za-z_-]", ""), failure);
    }
    if (failure instanceof ConnectException) {
      return new MetadataUnavailableException("metadata store unavailable: cannot connect to Redis", failure);
    }
    return new MetadataUnavailableException(
        "metadata store unavailable: Redis request failed (" + failure.getClass().getSimpleName() + ")", failure);
  }

  private static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
