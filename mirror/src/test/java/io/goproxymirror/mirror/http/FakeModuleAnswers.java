package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.serve.Reply;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.reactivex.rxjava3.core.Single;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Answers the GOPROXY handlers from a script keyed by call, e.g. {@code "mod example.com/m@v1.0.0"},
 * {@code "query example.com/m@master"}, {@code "list example.com/m"}; an unscripted call fails
 * with {@link NotFoundException}. Every call is recorded in order.
 */
final class FakeModuleAnswers implements ModuleAnswers {
  private final Map<String, Single<Reply>> script = new ConcurrentHashMap<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();

  FakeModuleAnswers answer(String call, Reply reply) {
    script.put(call, Single.just(reply));
    return this;
  }

  FakeModuleAnswers fail(String call, Throwable error) {
    script.put(call, Single.error(error));
    return this;
  }

  List<String> calls() {
    return List.copyOf(calls);
  }

  private Single<Reply> call(String call) {
    return Single.defer(() -> {
      calls.add(call);
      return script.getOrDefault(call, Single.error(new NotFoundException("not found: unscripted " + call)));
    });
  }

  @Override
  public Single<Reply> artifact(ProxyRequest request, ArtifactKind kind) {
    return call(kind.extension() + " " + request.module() + "@" + request.version());
  }

  @Override
  public Single<Reply> query(ProxyRequest request) {
    return call("query " + request.module() + "@" + request.version());
  }

  @Override
  public Single<Reply> zip(ProxyRequest request) {
    return call("zip " + request.module() + "@" + request.version());
  }

  @Override
  public Single<Reply> list(ProxyRequest request) {
    return call("list " + request.module());
  }

  @Override
  public Single<Reply> latest(ProxyRequest request) {
    return call("latest " + request.module());
  }
}
