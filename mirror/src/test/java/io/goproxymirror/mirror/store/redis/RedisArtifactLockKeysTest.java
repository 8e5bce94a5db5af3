package io.goproxymirror.mirror.store.redis;

import static io.goproxymirror.mirror.store.redis.LockReplicas.ZIP;
import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.flight.ArtifactLease;
import io.goproxymirror.mirror.flight.ArtifactLockKey;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.mirror.testkit.RedisFixture;
import io.goproxymirror.mirror.testkit.RespClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("RedisArtifactLocks: keys")
@Timeout(60)
class RedisArtifactLockKeysTest {
  @RegisterExtension static final RedisFixture redis = new RedisFixture();

  @Test
  @DisplayName("writes one key per held lock, as RedisKeys documents: a random token with a TTL")
  void layoutOnTheServer() {
    try (LockReplicas replicas = new LockReplicas(redis.server())) {
      ArtifactLease lease = replicas.first(LockReplicas.options()).tryAcquire(ZIP).blockingGet();

      String prefix = replicas.prefix();
      assertThat(RespClient.call(redis.port(), "KEYS", prefix + "*"))
          .isEqualTo(List.of(prefix + "{example.com/m}:lock:v1.0.0.zip"));
      assertThat((String) replicas.holder(ZIP)).hasSizeGreaterThanOrEqualTo(32);
      assertThat((Long) RespClient.call(redis.port(), "PTTL", prefix + "{example.com/m}:lock:v1.0.0.zip"))
          .isBetween(1L, 2000L);

      lease.release().blockingAwait();
      assertThat(RespClient.call(redis.port(), "KEYS", prefix + "*")).isEqualTo(List.of());
    }
  }

  @Test
  @DisplayName("keeps locks of other artifacts apart: other kinds, versions and modules (a/b, a/b-c, a/b/v2)")
  void artifactsApart() {
    try (LockReplicas replicas = new LockReplicas(redis.server())) {
      RedisArtifactLocks first = replicas.first(LockReplicas.options());
      RedisArtifactLocks second = replicas.second(LockReplicas.options());
      List<ArtifactLease> leases = new ArrayList<>();
      for (String module : List.of("a/b", "a/b-c", "a/b/v2")) {
        for (ArtifactKind kind : ArtifactKind.values()) {
          for (String version : List.of("v1.0.0", "v1.0.1")) {
            ArtifactLockKey key = new ArtifactLockKey(module, version, kind);
            leases.add(first.tryAcquire(key).blockingGet());
            second.tryAcquire(key).test().awaitDone(10, TimeUnit.SECONDS).assertComplete().assertNoValues();
          }
        }
      }
      assertThat(leases).hasSize(18).doesNotContainNull();
      for (ArtifactLease lease : leases) {
        lease.release().blockingAwait();
      }
    }
  }

  @Test
  @DisplayName("keeps two mirrors with different key prefixes on one Redis apart, one prefix being a prefix of the other")
  void prefixIsolation() {
    try (LockReplicas replicas = new LockReplicas(redis.server())) {
      RedisArtifactLocks first = replicas.first(LockReplicas.options());
      RedisArtifactLocks other = replicas.withPrefix(replicas.prefix() + "x:", LockReplicas.options());

      ArtifactLease mine = first.tryAcquire(ZIP).blockingGet();
      ArtifactLease theirs = other.tryAcquire(ZIP).blockingGet();
      assertThat(mine).isNotNull();
      assertThat(theirs).isNotNull();

      theirs.release().blockingAwait();
      other.awaitRelease(ZIP).test().awaitDone(10, TimeUnit.SECONDS).assertComplete();
      assertThat(replicas.holder(ZIP)).isNotNull();
      mine.release().blockingAwait();
      assertThat(replicas.holder(ZIP)).isNull();
    }
  }

  @Test
  @DisplayName("refuses an empty or NUL-holding name in the returned Rx type, sending nothing")
  void badNames() {
    try (LockReplicas replicas = new LockReplicas(redis.server())) {
      RedisArtifactLocks first = replicas.first(LockReplicas.options());
      ArtifactLockKey empty = new ArtifactLockKey("", "v1.0.0", ArtifactKind.ZIP);
      ArtifactLockKey nul = new ArtifactLockKey("example.com/m", "v1\u0000", ArtifactKind.MOD);

      first.tryAcquire(empty).test().assertError(IllegalArgumentException.class);
      first.awaitRelease(nul).test().assertError(IllegalArgumentException.class);
      first.acquire(nul).test().assertError(IllegalArgumentException.class);
    }
  }
}
