package io.goproxymirror.mirror.serve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.goproxymirror.mirror.errors.GoneException;
import io.goproxymirror.mirror.errors.MirrorException;
import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.fetch.Fetched;
import io.goproxymirror.mirror.flight.SingleFlight;
import io.goproxymirror.mirror.store.CachedAnswer;
import io.goproxymirror.mirror.store.MetadataStore;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mutable answers with a TTL, kept in the metadata store. A fresh copy is served as {@code HIT}.
 * An expired positive copy is served at once as {@code STALE} while one background refresh runs,
 * so it keeps being served when every source fails. Not-found answers from every source are
 * remembered for the module's negative TTL (its route's, see {@code RouteTable}); with no usable copy the sources are asked and the answer is a
 * {@code MISS}.
 */
public final class AnswerCache {
  private static final Logger LOG = LoggerFactory.getLogger(AnswerCache.class);
  private final MetadataStore metadata;
  private final Clock clock;
  private final Duration ttl;
  private final Function<String, Duration> negativeTtl;
  private final SingleFlight<CachedAnswer> flights = new SingleFlight<>();
  private final Cache<String, CachedAnswer> memory;

  /** {@code negativeTtl} gives the negative TTL of a module path. */
  public AnswerCache(MetadataStore metadata, Clock clock, Duration ttl, Function<String, Duration> negativeTtl,
      long maxEntries) {
    this.metadata = metadata;
    this.clock = clock;
    this.ttl = ttl;
    this.negativeTtl = negativeTtl;
    this.memory = Caffeine.newBuilder().maximumSize(maxEntries).build();
  }

  /**
   * The cached answer: a fresh copy held in process costs no I/O; otherwise the metadata store
   * (shared by replicas) is asked. A copy in process is only used while it is fresh, so answers
   * follow their TTL whichever replica refreshed them.
   */
  private Maybe<CachedAnswer> lookup(String module, String key) {
    CachedAnswer local = memory.getIfPresent(memoryKey(module, key));
    if (local != null && isFresh(module, local)) {
      return Maybe.just(local);
    }
    return metadata.answer(module, key).doOnSuccess(a -> memory.put(memoryKey(module, key), a));
  }

  private static String memoryKey(String module, String key) {
    return module + "\u0000" + key;
  }

  /**
   * The answer for {@code (module, key)}. {@code fetch} asks the sources and either succeeds with a
   * 200 answer or fails; a {@link NotFoundException} or {@link GoneException} becomes a (cached)
   * negative answer, any other failure is passed on.
   */
  public Single<Answer> get(String module, String key, Supplier<Single<CachedAnswer>> fetch) {
    return lookup(module, key)
        .map(cached -> fromCache(module, key, cached, fetch))
        .defaultIfEmpty(Single.defer(() -> miss(module, key, fetch)))
        .flatMap(answer -> answer);
  }

  private Single<Answer> fromCache(
      String module, String key, CachedAnswer cached, Supplier<Single<CachedAnswer>> fetch) {
    if (isFresh(module, cached)) {
      return Single.just(new Answer(cached, CacheStatus.HIT));
    }
    if (!cached.positive()) {
      return miss(module, key, fetch);
    }
    refresh(module, key, fetch)
        .subscribe(
            answer -> {},
            err -> LOG.debug("event=refresh_failed key={} reason=\"{}\"", key, err.getMessage()));
    return Single.just(new Answer(cached, CacheStatus.STALE));
  }

  /**
   * Whether a cached answer of {@code module} is within its TTL (the module's negative TTL for a
   * negative answer).
   */
  public boolean isFresh(String module, CachedAnswer cached) {
    Duration age = Duration.between(cached.fetchedAt(), clock.instant());
    return age.compareTo(cached.positive() ? ttl : negativeTtl.apply(module)) < 0;
  }

  /**
   * Guards the fetch of an immutable artifact with negative caching: a fresh remembered not-found
   * answer under {@code key} is answered at once ({@link Fetched.Absent}, remembered); otherwise
   * {@code fetch} runs, and a not-found from every source is remembered and answered.
   */
  public Single<Fetched> unlessNotFound(String module, String key, Single<Fetched> fetch) {
    return lookup(module, key)
        .filter(a -> !a.positive() && isFresh(module, a))
        .map(neg -> (Fetched) new Fetched.Absent(neg, true))
        .switchIfEmpty(fetch.onErrorResumeNext(err -> {
          if (!(err instanceof NotFoundException || err instanceof GoneException)) {
            return Single.error(err);
          }
          CachedAnswer neg = negative((MirrorException) err);
          return record(module, key, neg).andThen(Single.just(new Fetched.Absent(neg, false)));
        }));
  }

  /**
   * Asks the sources now, fresh copy or not, and records what they said (the sync worker's polls):
   * the answer is {@code MISS}, or the failure when the sources fail.
   */
  public Single<Answer> fresh(String module, String key, Supplier<Single<CachedAnswer>> fetch) {
    return miss(module, key, fetch);
  }

  private Single<Answer> miss(String module, String key, Supplier<Single<CachedAnswer>> fetch) {
    return refresh(module, key, fetch).map(answer -> new Answer(answer, CacheStatus.MISS));
  }

  /** Asks the sources (once per key at a time, to its end) and records what they said. */
  private Single<CachedAnswer> refresh(String module, String key, Supplier<Single<CachedAnswer>> fetch) {
    return flights.run(memoryKey(module, key), () -> fetch.get()
        .onErrorResumeNext(err -> err instanceof NotFoundException || err instanceof GoneException
            ? Single.just(negative((MirrorException) err))
            : Single.error(err))
        .flatMap(answer -> record(module, key, answer).toSingleDefault(answer)));
  }

  private CachedAnswer negative(MirrorException err) {
    return new CachedAnswer(err.status(), err.getMessage().getBytes(StandardCharsets.UTF_8), clock.instant());
  }

  private Completable record(String module, String key, CachedAnswer answer) {
    if (!answer.positive() && negativeTtl.apply(module).isZero()) {
      return Completable.complete();
    }
    return metadata.putAnswer(module, key, answer)
        .doOnComplete(() -> memory.put(memoryKey(module, key), answer));
  }
}
