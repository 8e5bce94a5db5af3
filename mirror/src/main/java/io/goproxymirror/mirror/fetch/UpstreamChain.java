package io.goproxymirror.mirror.fetch;

import io.goproxymirror.config.UpstreamEntry;
import io.goproxymirror.mirror.errors.MirrorException;
import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured upstream list with GOPROXY semantics: after an entry followed by {@code ,} the
 * next entry is tried only when this one answered 404 or 410; after an entry followed by {@code |}
 * on any error. {@code off} ends the list with "not found".
 */
public final class UpstreamChain {
  private final List<Link> links;
  private final MirrorMetrics metrics;
  private final FetchGate gate;

  private record Link(ProxyUpstream upstream, boolean anyError) {}

  public UpstreamChain(
      List<UpstreamEntry> entries, UpstreamFactory factory, FetchGate gate, MirrorMetrics metrics) {
    this.metrics = metrics;
    this.gate = gate;
    List<Link> list = new ArrayList<>();
    for (UpstreamEntry entry : entries) {
      switch (entry.kind()) {
        case PROXY -> list.add(new Link(factory.create(entry.url()), entry.fallThroughOnAnyError()));
        case OFF -> list.add(new Link(null, false));
        case DIRECT -> throw new IllegalArgumentException(
            "upstream: 'direct' is not available in this build; list HTTP proxies or 'off'");
      }
    }
    this.links = List.copyOf(list);
  }

  /** Creates the client of one upstream URL. */
  @FunctionalInterface
  public interface UpstreamFactory {
    ProxyUpstream create(String url);
  }

  /**
   * Asks the list for {@code path} (relative to a proxy base, already escaped) and completes with
   * the first 200 response. Fails with {@link NotFoundException} when every reached entry answered
   * 404/410 (or {@code off} was reached), otherwise with the terminal error.
   */
  public Single<UpstreamResponse> open(String path, String endpoint) {
    return Single.defer(() -> {
      FetchGate.Permit permit = gate.acquire();
      return attempt(0, path, endpoint, null, permit).doOnError(err -> permit.release());
    });
  }

  private Single<UpstreamResponse> attempt(
      int index, String path, String endpoint, MirrorException lastError, FetchGate.Permit permit) {
    if (index >= links.size()) {
      return Single.error(lastError != null ? lastError : new NotFoundException("not found: no upstream has " + path));
    }
    Link link = links.get(index);
    if (link.upstream() == null) {
      return Single.error(
          lastError instanceof NotFoundException || lastError == null
              ? new NotFoundException("not found: " + path + " is not cached and upstream fetching is off")
              : lastError);
    }
    ProxyUpstream upstream = link.upstream();
    long start = System.nanoTime();
    return RxFutures.single(upstream.get(path))
        .<Object>map(response -> response)
        .onErrorReturn(UpstreamChain::asMirror)
        .flatMap(outcome -> {
          if (outcome instanceof MirrorException error) {
            metrics.upstreamFetch(upstream.name(), endpoint,
                error instanceof UpstreamTimeoutException ? "timeout" : "error", System.nanoTime() - start);
            return link.anyError() ? attempt(index + 1, path, endpoint, error, permit) : Single.error(error);
          }
          HttpClientResponse response = (HttpClientResponse) outcome;
          if (response.statusCode() == 200) {
            return Single.just(new UpstreamResponse(response, upstream.name(), endpoint, start, metrics, permit));
          }
          return RxFutures.single(firstLine(response))
              .onErrorReturnItem("")
              .flatMap(detail -> notOk(index, path, endpoint, lastError, permit, link, response.statusCode(), detail,
                  start));
        });
  }

  private Single<UpstreamResponse> notOk(int index, String path, String endpoint, MirrorException lastError,
      FetchGate.Permit permit, Link link, int status, String detail, long start) {
    String name = link.upstream().name();
    boolean notFound = status == 404 || status == 410;
    metrics.upstreamFetch(name, endpoint, notFound ? "not_found" : "error", System.nanoTime() - start);
    if (notFound) {
      MirrorException reason = lastError == null || lastError instanceof NotFoundException
          ? new NotFoundException(detail.isEmpty() ? "not found: " + path : detail)
          : lastError;
      return attempt(index + 1, path, endpoint, reason, permit);
    }
    UpstreamFailedException failed = new UpstreamFailedException(
        "upstream " + name + " answered " + status + (detail.isEmpty() ? "" : ": " + detail));
    return link.anyError() ? attempt(index + 1, path, endpoint, failed, permit) : Single.error(failed);
  }

  private static MirrorException asMirror(Throwable err) {
    if (err instanceof MirrorException m) {
      return m;
    }
    return new UpstreamFailedException("upstream request failed", err);
  }

  /** Reads at most 512 bytes of an error body and returns its first line, printable ASCII only. */
  private static Future<String> firstLine(HttpClientResponse response) {
    return BoundedBody.readAtMost(response, 512)
        .map(buffer -> {
          String text = buffer.toString(java.nio.charset.StandardCharsets.UTF_8);
          int nl = text.indexOf('\n');
          String line = nl >= 0 ? text.substring(0, nl) : text;
          return line.replaceAll("[^\\x20-\\x7e]", "").trim();
        });
  }
}
