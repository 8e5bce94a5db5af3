package io.goproxymirror.mirror.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.auth.jwt.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the validated-credentials cache")
class CredentialCacheTest {
  private static final Principal CI = new Principal("ci-bot", Set.of("ci"), Principal.Kind.USER);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
  private final CredentialCache cache = new CredentialCache(new CredentialCache.Settings(Duration.ofSeconds(60), 100), clock);

  @Test
  @DisplayName("keeps a header for the ttl, only against the same users")
  void ttlAndGeneration() {
    Object users = new Object();
    cache.put("Bearer t", CI, users, Optional.empty());
    assertThat(cache.get("Bearer t", users)).contains(CI);
    assertThat(cache.get("Bearer other", users)).isEmpty();
    assertThat(cache.get("Bearer t", new Object())).as("after a reload").isEmpty();
    assertThat(cache.get("Bearer t", users)).as("dropped on the reload").isEmpty();
    cache.put("Bearer t", CI, users, Optional.empty());
    clock.advance(Duration.ofSeconds(60));
    assertThat(cache.get("Bearer t", users)).isEmpty();
  }

  @Test
  @DisplayName("never keeps a JWT past its expiry; a JWT entry survives a users reload")
  void jwtExpiry() {
    Principal jwt = new Principal("repo:x", Set.of("corp"), Principal.Kind.JWT);
    cache.put("Bearer a.b.c", jwt, null, Optional.of(clock.instant().plusSeconds(10)));
    assertThat(cache.get("Bearer a.b.c", new Object())).contains(jwt);
    clock.advance(Duration.ofSeconds(10));
    assertThat(cache.get("Bearer a.b.c", new Object())).isEmpty();
  }

  @Test
  @DisplayName("a ttl of 0 turns it off; its size is bounded")
  void offAndBounded() {
    CredentialCache off = new CredentialCache(new CredentialCache.Settings(Duration.ZERO, 100), clock);
    off.put("Bearer t", CI, null, Optional.empty());
    assertThat(off.get("Bearer t", null)).isEmpty();
    CredentialCache small = new CredentialCache(new CredentialCache.Settings(Duration.ofSeconds(60), 3), clock);
    for (int i = 0; i < 50; i++) {
      small.put("Bearer t" + i, CI, null, Optional.empty());
    }
    assertThat(small.size()).isLessThanOrEqualTo(3);
  }
}
