package io.goproxymirror.mirror.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.goproxymirror.mirror.auth.users.TokenHash;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Validated credentials, kept briefly so a warm hit does not hash and look up (or verify a JWT) on
 * every request. Keyed by the SHA-256 of the whole header value, never by the header or token
 * itself; bounded in entries and age. An entry is used only while the users it was checked
 * against are still the users in use (a reload drops every user entry) and never past the expiry
 * of its JWT. Only successes are kept.
 */
public final class CredentialCache {
  /**
   * @param ttl how long a validated header is trusted without a new check (60 s)
   * @param maxEntries the most headers kept (10 000)
   */
  public record Settings(Duration ttl, long maxEntries) {
    public static final Settings DEFAULT = new Settings(Duration.ofSeconds(60), 10_000);

    public Settings {
      if (ttl.isNegative() || maxEntries < 0) {
        throw new IllegalArgumentException("credential cache ttl and size must not be negative");
      }
    }
  }

  /** What a header was validated as, against which users, and until when at the latest. */
  private record Entry(Principal principal, Object generation, Instant notAfter) {}

  private final Cache<ByteBuffer, Entry> entries;
  private final Clock clock;
  private final Duration ttl;

  public CredentialCache(Settings settings, Clock clock) {
    this.entries = Caffeine.newBuilder().maximumSize(settings.maxEntries()).expireAfterWrite(settings.ttl())
        .executor(Runnable::run).build();
    this.clock = clock;
    this.ttl = settings.ttl();
  }

  /**
   * The principal {@code header} was validated as, if that is cached and still good.
   *
   * @param generation the users in use now, compared by identity with those of the entry ({@code
   *     null} entries, those of JWTs, do not depend on it)
   */
  public Optional<Principal> get(String header, Object generation) {
    if (ttl.isZero()) {
      return Optional.empty();
    }
    ByteBuffer key = key(header);
    Entry entry = entries.getIfPresent(key);
    if (entry == null) {
      return Optional.empty();
    }
    if ((entry.generation() != null && entry.generation() != generation) || !clock.instant().isBefore(entry.notAfter())) {
      entries.invalidate(key);
      return Optional.empty();
    }
    return Optional.of(entry.principal());
  }

  /**
   * Keeps {@code principal} for {@code header}.
   *
   * @param generation the users it was checked against, or {@code null} for a JWT
   * @param expiresAt when the credentials themselves expire, if they do
   */
  public void put(String header, Principal principal, Object generation, Optional<Instant> expiresAt) {
    if (ttl.isZero()) {
      return;
    }
    Instant limit = clock.instant().plus(ttl);
    Instant notAfter = expiresAt.filter(limit::isAfter).orElse(limit);
    entries.put(key(header), new Entry(principal, generation, notAfter));
  }

  /** How many headers are cached (approximately). */
  public long size() {
    return entries.estimatedSize();
  }

  /** The header's SHA-256, compared by content. */
  private static ByteBuffer key(String header) {
    return ByteBuffer.wrap(TokenHash.of(header));
  }
}
