package io.goproxymirror.mirror.serve;

import io.goproxymirror.gomod.Semver;
import io.goproxymirror.mirror.fetch.ArtifactSource;
import io.goproxymirror.mirror.fetch.Fetched;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.store.CachedAnswer;
import io.reactivex.rxjava3.core.Single;
import java.time.Clock;
import java.util.List;

/**
 * {@code @v/list}: the upstream's list (cached with a TTL, stale-while-revalidate) merged with the
 * canonical versions already stored here, semver-sorted, without pseudo-versions.
 */
public final class ListService {
  private final AnswerCache answers;
  private final ArtifactSource sources;
  private final ArtifactIndex index;
  private final Clock clock;

  /** {@code sources}: the module's sources (its route), whose list is verified ({@link #normalize}d). */
  public ListService(AnswerCache answers, ArtifactSource sources, ArtifactIndex index, Clock clock) {
    this.answers = answers;
    this.sources = sources;
    this.index = index;
    this.clock = clock;
  }

  public Single<Reply> list(ProxyRequest request) {
    return answers.get(request.module(), "list", () -> fromSources(request))
        .flatMap(answer -> index.versions(request.module()).map(stored -> render(answer, stored)));
  }

  /**
   * The list asked of the sources now, even when a fresh copy is cached (the sync worker polls
   * with it, so that new tags are seen at its own interval); the cached copy is replaced.
   */
  public Single<Reply> fresh(ProxyRequest request) {
    return answers.fresh(request.module(), "list", () -> fromSources(request))
        .flatMap(answer -> index.versions(request.module()).map(stored -> render(answer, stored)));
  }

  private Single<CachedAnswer> fromSources(ProxyRequest request) {
    return sources.fetch(request)
        .map(fetched -> new CachedAnswer(200, ((Fetched.Body) fetched).bytes(), clock.instant()));
  }

  private static Reply render(Answer answer, List<String> stored) {
    boolean positive = answer.answer().positive();
    if (!positive && stored.stream().noneMatch(ListService::listable)) {
      return new Reply.Bytes(answer.answer().status(), answer.answer().body(), null, answer.cache());
    }
    VersionList versions = new VersionList();
    if (positive) {
      versions.addLines(answer.answer().body(), ListService::upstreamListable);
    }
    stored.stream().filter(ListService::listable).forEach(versions::add);
    return new Reply.Bytes(200, versions.bytes(), null, answer.cache());
  }

  /** Keeps the first field of each line when it is a valid, non-pseudo semantic version. */
  static byte[] normalize(byte[] body) {
    return new VersionList().addLines(body, ListService::upstreamListable).bytes();
  }

  private static boolean upstreamListable(String version) {
    return Semver.isValid(version) && !Semver.isPseudoVersion(version);
  }

  private static boolean listable(String version) {
    return Semver.isCanonical(version) && !Semver.isPseudoVersion(version);
  }
}
