package io.goproxymirror.mirror.serve;

import io.goproxymirror.mirror.fetch.ArtifactSource;
import io.goproxymirror.mirror.fetch.Fetched;
import io.goproxymirror.mirror.fetch.ZipDownload;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.rx.RxFutures;
import io.reactivex.rxjava3.core.Single;

/**
 * Records a stored artifact in the {@link ArtifactIndex} (and a zip's version in its module's
 * {@link ListFile}). For a zip this is the last step: its download ends here, once every step
 * before it is done ({@link ZipDownload#settle}); clients streaming
 * it send their last byte then.
 */
public final class Recorded implements ArtifactSource {
  private final ArtifactSource source;
  private final ArtifactIndex index;
  private final ListFile listFile;
  private final MirrorMetrics metrics;

  public Recorded(ArtifactSource source, ArtifactIndex index, ListFile listFile, MirrorMetrics metrics) {
    this.source = source;
    this.index = index;
    this.listFile = listFile;
    this.metrics = metrics;
  }

  @Override
  public Single<Fetched> fetch(ProxyRequest request) {
    return source.fetch(request).flatMap(fetched -> {
      if (fetched instanceof Fetched.Body body && body.record() != null) {
        return index.add(body.record())
            .doOnComplete(() -> metrics.artifactStored(body.record().kind().extension(), body.bytes().length))
            .toSingleDefault(fetched);
      }
      if (fetched instanceof Fetched.Zip zip) {
        return Single.just(settled(request, zip));
      }
      return Single.just(fetched);
    });
  }

  private Fetched settled(ProxyRequest request, Fetched.Zip zip) {
    Fetched.Zip recorded = zip.then(record -> index.add(record).andThen(listFile.add(request))
        .toSingleDefault(record)
        .doOnSuccess(stored -> metrics.artifactStored("zip", stored.size())));
    recorded.download().settle(recorded.commit(), recorded.end());
    return new Fetched.Zip(recorded.download(), RxFutures.single(recorded.download().done()), recorded.end());
  }
}
