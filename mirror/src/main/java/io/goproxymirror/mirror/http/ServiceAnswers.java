package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.serve.ArtifactService;
import io.goproxymirror.mirror.serve.LatestService;
import io.goproxymirror.mirror.serve.ListService;
import io.goproxymirror.mirror.serve.Reply;
import io.goproxymirror.mirror.serve.ZipService;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.reactivex.rxjava3.core.Single;

/** {@link ModuleAnswers} from the serve services. */
public record ServiceAnswers(ArtifactService artifacts, ZipService zips, ListService lists, LatestService latest)
    implements ModuleAnswers {

  @Override
  public Single<Reply> artifact(ProxyRequest request, ArtifactKind kind) {
    return artifacts.get(request, kind);
  }

  @Override
  public Single<Reply> query(ProxyRequest request) {
    return latest.query(request);
  }

  @Override
  public Single<Reply> zip(ProxyRequest request) {
    return zips.get(request);
  }

  @Override
  public Single<Reply> list(ProxyRequest request) {
    return lists.list(request);
  }

  @Override
  public Single<Reply> latest(ProxyRequest request) {
    return latest.latest(request);
  }
}
