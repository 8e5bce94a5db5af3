package io.goproxymirror.mirror.fetch;

import io.goproxymirror.config.upstream.UpstreamEntry;
import io.goproxymirror.mirror.errors.MirrorException;
import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.rx.RxFutures;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured upstream list with GOPROXY semantics: after an entry followed by {@code ,} the
 * next entry is tried only when this one answered 404 or 410; after an entry followed by {@code |}
 * on any error. {@code off} ends the list with "not found"; {@code direct} ends it by building the
 * artifact from the module's repository (the caller says how).
 */
public final class UpstreamChain {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamChain.class);
  private static final int ERROR_BODY_BYTES = 1024;
  private static final int ERROR_LOG_CHARS = 200;
  private final List<Link> links;
  private final MirrorMetrics metrics;
  private final FetchGate gate;
  private final Duration total;

  private record Link(GuardedUpstream upstream, boolean anyError, boolean direct) {}

  /** A 200 from the entry at {@code index}; {@code fallsThrough} when a later entry follows a {@code |}. */
  private record Reached(UpstreamResponse response, int index, boolean fallsThrough) {}

  /**
   * Each proxy entry is the one {@code upstreams} holds for its URL, so lists naming the same URL
   * share its client and circuit; each list keeps its own separators. {@code total} bounds one
   * fetch through the list (retries never start past it).
   * The time spent on one entry is bounded by its own {@link ProxyUpstream#timeouts()} total too.
   */
  public UpstreamChain(List<UpstreamEntry> entries, UpstreamRegistry upstreams, FetchGate gate, MirrorMetrics metrics,
      Duration total) {
    this.metrics = metrics;
    this.gate = gate;
    this.total = total;
    List<Link> list = new ArrayList<>();
    for (UpstreamEntry entry : entries) {
      switch (entry.kind()) {
        case PROXY -> list.add(new Link(upstreams.upstream(entry.url()), entry.fallThroughOnAnyError(), false));
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
   * Asks the list for {@code path} (relative to a proxy base, already escaped). The first 200
   * response goes to {@code viaProxy}, which must finish it; reaching {@code direct} runs {@code
   * viaDirect}. When {@code viaProxy} fails (the body broke off, timed out or was invalid) and the
   * entry is followed by {@code |}, the list goes on with the next entry, as the go command does.
   * Fails with {@link NotFoundException} when every reached entry answered 404/410 (or {@code off}
   * was reached), otherwise with the terminal error. One fetch permit is held throughout (for a
   * proxy until the response is finished; taken again when the list goes on after a body failure);
   * while every permit is taken the fetch waits in the gate's queue, and the list's deadline starts
   * when it has one.
   */
  public <T> Single<T> fetch(String path, String endpoint, Function<UpstreamResponse, Single<T>> viaProxy,
      Supplier<Single<T>> viaDirect) {
    return gate.acquire().flatMap(permit -> {
      long deadline = System.nanoTime() + total.toNanos();
      return fetchFrom(0, null, permit, path, endpoint, deadline, viaProxy, viaDirect);
    });
  }

  private <T> Single<T> fetchFrom(int index, MirrorException lastError, FetchGate.Permit permit, String path,
      String endpoint, long deadline, Function<UpstreamResponse, Single<T>> viaProxy, Supplier<Single<T>> viaDirect) {
    return attempt(index, path, endpoint, lastError, permit, deadline)
        .doOnError(err -> permit.release())
        .doOnDispose(permit::release)
        .flatMap(reached -> {
          if (reached.isEmpty()) {
            return viaDirect.get().doFinally(permit::release);
          }
          Reached answer = reached.get();
          Single<T> body = viaProxy.apply(answer.response());
          return answer.fallsThrough()
              ? body.onErrorResumeNext(err -> gate.acquire().flatMap(next -> fetchFrom(answer.index() + 1,
                  GuardedUpstream.asMirror(err), next, path, endpoint, deadline, viaProxy, viaDirect)))
              : body;
        });
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
                new UpstreamResponse(response, upstream.name(), endpoint, start, metrics, permit, fallsThrough),
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
