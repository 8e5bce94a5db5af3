package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.serve.Reply;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.reactivex.rxjava3.core.Single;

/**
 * What the GOPROXY handlers ask for, one method per endpoint family. The serve services answer
 * (see {@link ServiceAnswers}); handler tests answer with fakes.
 */
public interface ModuleAnswers {
  /** {@code .info} or {@code .mod} of a canonical version. */
  Single<Reply> artifact(ProxyRequest request, ArtifactKind kind);

  /** {@code .info} of a query (a branch, a hash, a non-canonical version). */
  Single<Reply> query(ProxyRequest request);

  /** {@code .zip} of a canonical version. */
  Single<Reply> zip(ProxyRequest request);

  /** {@code @v/list}. */
  Single<Reply> list(ProxyRequest request);

  /** {@code @latest}. */
  Single<Reply> latest(ProxyRequest request);
}
