package io.goproxymirror.mirror.http;

import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/**
 * Subscribes a handler to a service's answer and runs the callback on the request's event loop:
 * directly when the answer arrives on it (a warm hit costs no extra task), otherwise by
 * scheduling it there. Failures go to the router's failure handler.
 */
final class OnContext {
  private OnContext() {}

  static <T> void subscribe(RoutingContext ctx, Single<T> answer, Consumer<T> write) {
    Context context = ctx.vertx().getOrCreateContext();
    answer.subscribe(
        value -> run(context, () -> {
          try {
            write.accept(value);
          } catch (RuntimeException e) {
            // for example a stored file that vanished under the data directory: answer, don't hang
            ctx.fail(e);
          }
        }),
        error -> run(context, () -> ctx.fail(error)));
  }

  private static void run(Context context, Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }
}
