package io.goproxymirror.mirror.sync;

import io.goproxymirror.mirror.protocol.Endpoint;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.serve.ListService;
import io.goproxymirror.mirror.serve.Reply;
import io.goproxymirror.sync.port.PrefetchFailure;
import io.goproxymirror.sync.port.VersionLister;
import io.reactivex.rxjava3.core.Single;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The sync worker's {@link VersionLister}: the module's {@code @v/list} asked of its sources now
 * (the upstream list, or Git tags for a private module), merged with what is stored, as clients get
 * it; the cached list is refreshed on the way.
 */
public final class SourceVersionLister implements VersionLister {
  private final ListService lists;

  public SourceVersionLister(ListService lists) {
    this.lists = lists;
  }

  @Override
  public Single<List<String>> versions(String modulePath) {
    return Single.defer(() -> lists.fresh(ProxyRequest.of(Endpoint.LIST, modulePath, null)))
        .map(reply -> {
          String body = reply instanceof Reply.Bytes bytes ? new String(bytes.body(), StandardCharsets.UTF_8) : "";
          if (reply.status() != 200) {
            throw new PrefetchFailure(body.trim(), reply.status() == 404 || reply.status() == 410);
          }
          return Arrays.stream(body.split("\n")).map(String::trim).filter(line -> !line.isEmpty()).toList();
        })
        .onErrorResumeNext(err -> Single.error(PipelinePrefetcher.failure(err)));
  }
}
