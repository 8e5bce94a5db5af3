package io.goproxymirror.mirror.fetch;

import io.goproxymirror.config.upstream.UpstreamEntry;
import io.goproxymirror.mirror.errors.MirrorException;
import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.rx.RxFutures;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured upstream list with GOPROXY semantics, as an {@link ArtifactSource}: after an entry
 * followed by {@code ,} the next entry is tried only when this one answered 404 or 410; after an
 * entry followed by {@code |} on any error, including a body that broke off or failed
 * verification, and a zip that failed any of its finishing steps (verify, store, record). {@code off} ends the list with "not found"; {@code
 * direct} ends it with the Git source.
 *
 * <p>A 200 response's body is read by {@link ProxyBodies} and goes through the {@link Finishing}
 * steps before the list hands it out; behind {@code |} a zip is handed out only once it is
 * committed, so that a broken or invalid one can fall through to the next entry.
 */
public final class ProxyList implements ArtifactSource {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyList.class);
  private static final int ERROR_BODY_BYTES = 1024;
  private static final int ERROR_LOG_CHARS = 200;
  private final List<Link> links;
  private final Wiring wiring;
  private final MirrorMetrics metrics;
  private final FetchGate gate;
  private final Duration total;

  /**
   * What every list shares.
   *
   * @param upstreams each proxy entry is the one this holds for its URL, so lists naming the same
   *     URL share its client and circuit
   * @param gate the fetch permits
   * @param total bounds one fetch through the list (retries never start past it); the time spent on
   *     one entry is bounded by its own {@link ProxyUpstream#timeouts()} total too
   * @param bodies reads a 200 response's body
   * @param finishing the steps a body goes through before it is handed out
   * @param direct the Git source (already finished), for a {@code direct} entry
   */
  public record Wiring(UpstreamRegistry upstreams, FetchGate gate, MirrorMetrics metrics, Duration total,
      ProxyBodies bodies, Finishing finishing, ArtifactSource direct) {}

  private record Link(GuardedUpstream upstream, boolean anyError, boolean direct) {}

  /** A 200 from the entry at {@code index}; {@code fallsThrough} when a later entry follows a {@code |}. */
  private record Reached(UpstreamResponse response, int index, boolean fallsThrough) {}

  /** The list of {@code entries}; each list keeps its own separators. */
  public ProxyList(List<UpstreamEntry> entries, Wiring wiring) {
    this.wiring = wiring;
    this.metrics = wiring.metrics();
    this.gate = wiring.gate();
    this.total = wiring.total();
    List<Link> list = new ArrayList<>();
    for (UpstreamEntry entry : entries) {
      switch (entry.kind()) {
        case PROXY -> list.add(new Link(wiring.upstreams().upstream(entry.url()), entry.fallThroughOnAnyError(), false));
        case OFF -> list.add(new Link(null, false, false));
        case DIRECT -> list.add(new Link(null, false, true));
      }
    }
    this.links = List.copyOf(list);
  }

  /** The proxy entries with their health, in list order. */
  public List<GuardedUpstream> upstreams() {
    return links.stream().filter(l -> l.upstream() != null).map(Link::upstream).toList();
  }

  /**
   * Asks the list for {@code request}. Fails with {@link NotFoundException} when every reached
   * entry answered 404/410 (or {@code off} was reached), otherwise with the terminal error. One
   * fetch permit is held throughout (for a proxy until its response is finished; taken again when
   * the list goes on after a body failure); while every permit is taken the fetch waits in the
   * gate's queue, and the list's deadline starts when it has one.
   */
  @Override
  public Single<Fetched> fetch(ProxyRequest request) {
    return gate.acquire().flatMap(permit -> {
      long deadline = System.nanoTime() + total.toNanos();
      return fetchFrom(0, null, permit, request, deadline);
    });
  }

  private Single<Fetched> fetchFrom(int index, MirrorException lastError, FetchGate.Permit permit,
      ProxyRequest request, long deadline) {
    return attempt(index, request.blobKey(), ArtifactSource.endpointOf(request), lastError, permit, deadline)
        .doOnError(err -> permit.release())
        .doOnDispose(permit::release)
        .flatMap(reached -> {
          if (reached.isEmpty()) {
            return wiring.direct().fetch(request).doFinally(permit::release);
          }
          Reached answer = reached.get();
          Single<Fetched> body = wiring.finishing()
              .around(req -> wiring.bodies().read(req, answer.response()))
              .fetch(request);
          return answer.fallsThrough()
              ? body.flatMap(ProxyList::whenCommitted)
                  .onErrorResumeNext(err -> answer.response().delivered()
                      ? Single.error(err)
                      : gate.acquire().flatMap(next -> fetchFrom(answer.index() + 1,
                          GuardedUpstream.asMirror(err), next, request, deadline)))
              : body;
        });
  }

  /** {@code fetched} once committed: a zip when its download ended stored. */
  private static Single<Fetched> whenCommitted(Fetched fetched) {
    return fetched instanceof Fetched.Zip zip
        ? RxFutures.single(zip.download().done()).map(stored -> fetched)
        : Single.just(fetched);
  }

  /** Whether the list ends with {@code direct}. */
  public boolean reachesDirect() {
    return links.stream().anyMatch(Link::direct);
  }

  /** Empty when {@code direct} was reached. */
  private Single<Optional<Reached>> attempt(
      int index, String path, String endpoint, MirrorException lastError, FetchGate.Permit permit, long deadline) {
    if (index >= links.size()) {
      return Single.error(lastError != null ? lastError : new NotFoundException("not found: no upstream has " + path));
    }
    Link link = links.get(index);
    if (link.direct()) {
      return Single.just(Optional.empty());
    }
    if (link.upstream() == null) {
      return Single.error(
          lastError instanceof NotFoundException || lastError == null
              ? new NotFoundException("not found: " + path + " is not cached and upstream fetching is off")
              : lastError);
    }
    ProxyUpstream upstream = link.upstream().upstream();
    if (System.nanoTime() >= deadline) {
      return Single.error(new UpstreamTimeoutException(
          "no upstream answered " + path + " within the fetch deadline of "
              + (total.toMillis() % 1000 == 0 ? total.toSeconds() + "s" : total.toMillis() + "ms")));
    }
    if (!link.upstream().health().admit()) {
      metrics.upstreamFetch(upstream.name(), endpoint, "unavailable", 0);
      UpstreamFailedException unavailable =
          new UpstreamFailedException(link.upstream().health().unavailableReason());
      return link.anyError()
          ? attempt(index + 1, path, endpoint, unavailable, permit, deadline)
          : Single.error(unavailable);
    }
    long start = System.nanoTime();
    long upstreamDeadline = Math.min(deadline, start + upstream.timeouts().total().toNanos());
    return link.upstream().get(path, upstreamDeadline)
        .flatMap(outcome -> {
          if (outcome instanceof MirrorException error) {
            metrics.upstreamFetch(upstream.name(), endpoint,
                error instanceof UpstreamTimeoutException ? "timeout" : "error", System.nanoTime() - start);
            return link.anyError()
                ? attempt(index + 1, path, endpoint, error, permit, deadline)
                : Single.error(error);
          }
          HttpClientResponse response = (HttpClientResponse) outcome;
          if (response.statusCode() == 200) {
            boolean fallsThrough = link.anyError() && index + 1 < links.size();
            return Single.just(Optional.of(new Reached(
                new UpstreamResponse(response, upstream.name(), endpoint, start, metrics, permit),
                index, fallsThrough)));
          }
          return RxFutures.single(firstLine(response))
              .onErrorReturnItem("")
              .flatMap(detail -> notOk(index, path, endpoint, lastError, permit, link, response.statusCode(), detail,
                  start, deadline));
        });
  }

  private Single<Optional<Reached>> notOk(int index, String path, String endpoint, MirrorException lastError,
      FetchGate.Permit permit, Link link, int status, String detail, long start, long deadline) {
    String name = link.upstream().upstream().name();
    boolean notFound = status == 404 || status == 410;
    metrics.upstreamFetch(name, endpoint, notFound ? "not_found" : "error", System.nanoTime() - start);
    // The upstream's body is its own text (it may quote URLs, tokens or internal details): it goes
    // to the log redacted and cut, never to a client, whose line the mirror writes itself.
    if (notFound) {
      LOG.debug("event=upstream_not_found upstream={} status={} path=\"{}\" body=\"{}\"", name, status, path, detail);
      MirrorException reason = lastError == null || lastError instanceof NotFoundException
          ? new NotFoundException("not found: " + path)
          : lastError;
      return attempt(index + 1, path, endpoint, reason, permit, deadline);
    }
    LOG.warn("event=upstream_error upstream={} status={} path=\"{}\" body=\"{}\"", name, status, path, detail);
    UpstreamFailedException failed = new UpstreamFailedException("upstream " + name + " answered " + status);
    return link.anyError() ? attempt(index + 1, path, endpoint, failed, permit, deadline) : Single.error(failed);
  }

  /**
   * Reads at most {@link #ERROR_BODY_BYTES} of an error body and returns its first line for the
   * log: redacted ({@link RedactedText}), printable ASCII, at most {@link #ERROR_LOG_CHARS}
   * characters.
   */
  private static Future<String> firstLine(HttpClientResponse response) {
    return BoundedBody.readAtMost(response, ERROR_BODY_BYTES)
        .map(buffer -> RedactedText.line(buffer.toString(StandardCharsets.UTF_8),
            buffer.length() >= ERROR_BODY_BYTES, ERROR_LOG_CHARS));
  }
}
