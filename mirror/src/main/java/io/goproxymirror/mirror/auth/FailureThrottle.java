package io.goproxymirror.mirror.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Throttles repeated authentication failures per client address: after {@code burst} failures
 * with less than {@code cooldown} between one and the next, the address is refused (429) until
 * {@code cooldown} has passed since its last failure; then its count starts again. Refused
 * requests do not extend the wait. The addresses kept are bounded ({@code maxAddresses}, least
 * recently failed dropped first). Thread-safe.
 */
public final class FailureThrottle {
  /**
   * @param burst failures an address may have before it is refused (10)
   * @param cooldown how long after its last failure an address is refused (60 s)
   * @param maxAddresses the most addresses remembered (100 000)
   */
  public record Settings(int burst, Duration cooldown, long maxAddresses) {
    public static final Settings DEFAULT = new Settings(10, Duration.ofSeconds(60), 100_000);

    public Settings {
      if (burst < 1 || cooldown.isNegative() || cooldown.isZero() || maxAddresses < 1) {
        throw new IllegalArgumentException("throttle burst, cooldown and size must be positive");
      }
    }
  }

  /** Failures of one address and the time of the last, in the ticker's nanoseconds. */
  private record Strikes(int count, long lastNanos) {}

  private final Settings settings;
  private final LongSupplier nanoTime;
  private final Cache<String, Strikes> strikes;

  public FailureThrottle(Settings settings) {
    this(settings, System::nanoTime);
  }

  FailureThrottle(Settings settings, LongSupplier nanoTime) {
    this.settings = settings;
    this.nanoTime = nanoTime;
    Ticker ticker = nanoTime::getAsLong;
    this.strikes = Caffeine.newBuilder()
        .maximumSize(settings.maxAddresses())
        .executor(Runnable::run)
        .expireAfterWrite(settings.cooldown())
        .ticker(ticker)
        .build();
  }

  /** How long {@code address} is still refused; empty when it is not. */
  public Optional<Duration> refusedFor(String address) {
    Strikes s = strikes.getIfPresent(address);
    if (s == null || s.count() < settings.burst()) {
      return Optional.empty();
    }
    long left = s.lastNanos() + settings.cooldown().toNanos() - nanoTime.getAsLong();
    return left > 0 ? Optional.of(Duration.ofNanos(left)) : Optional.empty();
  }

  /**
   * Counts a failure of {@code address}.
   *
   * @return whether this failure made the address refused (it reached the burst)
   */
  public boolean recordFailure(String address) {
    long now = nanoTime.getAsLong();
    Strikes after = strikes.asMap().compute(address, (a, before) ->
        before == null || now - before.lastNanos() >= settings.cooldown().toNanos()
            ? new Strikes(1, now) : new Strikes(before.count() + 1, now));
    return after.count() == settings.burst();
  }

  /** How many addresses have recent failures (approximately). */
  public long addresses() {
    return strikes.estimatedSize();
  }
}
