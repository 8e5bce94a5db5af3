package io.goproxymirror.mirror.auth.jwt;

import com.nimbusds.jose.jwk.JWKSet;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's keys, fetched on first use and kept: fetched again when older than {@code
 * maxKeyAge}, and on request for an unknown {@code kid} ({@link #refreshForUnknownKey()}) at most
 * once per {@code minRefreshInterval}, so a stream of tokens with invented key ids cannot make the
 * mirror hammer the issuer. While the issuer fails, it is likewise asked again at most once per
 * that interval, whether stale keys or none are at hand. Concurrent fetches share one request. A
 * failed fetch keeps the keys already known (and is logged); without any keys, verification fails
 * with {@link JwtRejection#KEYS_UNAVAILABLE}.
 */
public final class JwksCache {
  private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);

  private record Keys(JWKSet set, Instant fetchedAt) {}

  private final Supplier<Single<JWKSet>> fetcher;
  private final JwtSettings.Limits limits;
  private final Clock clock;
  private final AtomicReference<Keys> keys = new AtomicReference<>();
  private final AtomicReference<Single<JWKSet>> inFlight = new AtomicReference<>();
  private final AtomicReference<Instant> lastAttempt = new AtomicReference<>(Instant.MIN);

  /**
   * @param fetcher one fetch of the JWKS per subscription, such as {@link JwksClient#fetch()}
   */
  public JwksCache(Supplier<Single<JWKSet>> fetcher, JwtSettings.Limits limits, Clock clock) {
    this.fetcher = fetcher;
    this.limits = limits;
    this.clock = clock;
  }

  /** The keys: those cached when fresh enough, else fetched (falling back to the stale ones). */
  public Single<JWKSet> keys() {
    return Single.defer(() -> {
      Keys cached = keys.get();
      boolean fresh = cached != null && cached.fetchedAt().plus(limits.maxKeyAge()).isAfter(clock.instant());
      if (fresh || (triedRecently() && inFlight.get() == null)) {
        return cached != null ? Single.just(cached.set()) : Single.error(unavailable());
      }
      return fetch();
    });
  }

  /**
   * Fetches the keys again because a token named a key not among them, unless a fetch was tried
   * within the last {@code minRefreshInterval}; then empty.
   */
  public Maybe<JWKSet> refreshForUnknownKey() {
    return Maybe.defer(() -> triedRecently() && inFlight.get() == null ? Maybe.empty() : fetch().toMaybe());
  }

  /** Whether a fetch started within the last {@code minRefreshInterval}. */
  private boolean triedRecently() {
    Instant last = lastAttempt.get();
    return last != Instant.MIN && last.plus(limits.minRefreshInterval()).isAfter(clock.instant());
  }

  private Single<JWKSet> fetch() {
    while (true) {
      Single<JWKSet> running = inFlight.get();
      if (running != null) {
        return running;
      }
      Single<JWKSet> shared = Single.defer(() -> {
            lastAttempt.set(clock.instant());
            return fetcher.get();
          })
          .doOnSuccess(set -> {
            keys.set(new Keys(set, clock.instant()));
            LOG.info("event=jwks_loaded keys={}", set.getKeys().size());
          })
          .onErrorResumeNext(this::fallback)
          // Cleared before the result reaches anyone (doOnTerminate, not doFinally), so a caller
          // that asks again right after its answer starts a new fetch instead of reusing this one.
          .doOnTerminate(() -> inFlight.set(null))
          .cache();
      if (inFlight.compareAndSet(null, shared)) {
        return shared;
      }
    }
  }

  private Single<JWKSet> fallback(Throwable error) {
    Keys stale = keys.get();
    LOG.warn("event=jwks_fetch_failed kept_keys={} error=\"{}\"",
        stale == null ? 0 : stale.set().getKeys().size(), error.getMessage());
    if (stale != null) {
      return Single.just(stale.set());
    }
    return Single.error(unavailable());
  }

  private static JwtRejectedException unavailable() {
    return new JwtRejectedException(JwtRejection.KEYS_UNAVAILABLE, "JWT refused: the issuer's keys (JWKS) are unavailable");
  }
}
