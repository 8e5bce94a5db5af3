package io.goproxymirror.mirror.fetch.git.locate;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects at most {@code maxBytes} of a response body. When more arrives, the subscription is
 * cancelled (closing the connection) and the prefix is delivered with {@code truncated} set.
 */
final class PrefixBodySubscriber implements HttpResponse.BodySubscriber<PrefixBodySubscriber.Prefix> {

  /** The first bytes of a body; {@code truncated} when the body went on past them. */
  record Prefix(byte[] bytes, boolean truncated) {}

  private final long maxBytes;
  private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
  private final CompletableFuture<Prefix> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  PrefixBodySubscriber(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public CompletionStage<Prefix> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer b : buffers) {
      long room = maxBytes - collected.size();
      if (b.remaining() > room) {
        byte[] part = new byte[(int) room];
        b.get(part);
        collected.write(part, 0, part.length);
        result.complete(new Prefix(collected.toByteArray(), true));
        subscription.cancel();
        return;
      }
      byte[] all = new byte[b.remaining()];
      b.get(all);
      collected.write(all, 0, all.length);
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(new Prefix(collected.toByteArray(), false));
  }
}
