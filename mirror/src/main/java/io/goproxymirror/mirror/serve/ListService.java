package io.goproxymirror.mirror.serve;

import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.protocol.Semver;
import io.reactivex.rxjava3.core.Single;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code @v/list}: the upstream's list (cached with a TTL, stale-while-revalidate) merged with the
 * canonical versions already stored here, semver-sorted, without pseudo-versions.
 */
public final class ListService {
  private static final long MAX_LIST_BYTES = 4L * 1024 * 1024;
  private final AnswerCache answers;
  private final UpstreamAnswers upstream;
  private final ArtifactIndex index;

  public ListService(AnswerCache answers, UpstreamAnswers upstream, ArtifactIndex index) {
    this.answers = answers;
    this.upstream = upstream;
    this.index = index;
  }

  public Single<Reply> list(ProxyRequest request) {
    return answers.get(request.module(), "list",
            () -> upstream.fetch(request.blobKey(), "list", MAX_LIST_BYTES, ListService::normalize))
        .flatMap(answer -> index.versions(request.module()).map(stored -> render(answer, stored)));
  }

  private static Reply render(Answer answer, List<String> stored) {
    boolean positive = answer.answer().positive();
    if (!positive && stored.stream().noneMatch(ListService::listable)) {
      return new Reply.Bytes(answer.answer().status(), answer.answer().body(), null, answer.cache());
    }
    TreeSet<String> versions = new TreeSet<>(Semver.ORDER);
    if (positive) {
      versions.addAll(parse(answer.answer().body()));
    }
    stored.stream().filter(ListService::listable).forEach(versions::add);
    StringBuilder out = new StringBuilder();
    versions.forEach(v -> out.append(v).append('\n'));
    return new Reply.Bytes(200, out.toString().getBytes(StandardCharsets.UTF_8), null, answer.cache());
  }

  /** Keeps the first field of each line when it is a valid, non-pseudo semantic version. */
  static byte[] normalize(byte[] body) {
    StringBuilder out = new StringBuilder();
    parse(body).forEach(v -> out.append(v).append('\n'));
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Collection<String> parse(byte[] body) {
    TreeSet<String> versions = new TreeSet<>(Semver.ORDER);
    new String(body, StandardCharsets.UTF_8).lines().forEach(line -> {
      String[] fields = line.trim().split("\\s+");
      if (fields.length > 0 && Semver.isValid(fields[0]) && !Semver.isPseudoVersion(fields[0])) {
        versions.add(fields[0]);
      }
    });
    return versions;
  }

  private static boolean listable(String version) {
    return Semver.isCanonical(version) && !Semver.isPseudoVersion(version);
  }
}
