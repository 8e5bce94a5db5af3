package io.goproxymirror.mirror.flight;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.store.ArtifactKind;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LocalArtifactLocks")
class LocalArtifactLocksTest {
  private static final ArtifactLockKey KEY = new ArtifactLockKey("example.com/m", "v1.0.0", ArtifactKind.ZIP);
  private final LocalArtifactLocks locks = new LocalArtifactLocks();

  @Test
  @DisplayName("grants every request at once, even for a key already held (the in-process single-flight is in front)")
  void grantsAtOnce() {
    ArtifactLease first = locks.tryAcquire(KEY).blockingGet();
    ArtifactLease second = locks.acquire(KEY).blockingGet();

    assertThat(first.key()).isEqualTo(KEY);
    assertThat(first.held()).isTrue();
    assertThat(second.held()).isTrue();
    locks.awaitRelease(KEY).test().assertComplete();
  }

  @Test
  @DisplayName("ends a lease on release, once")
  void release() {
    ArtifactLease lease = locks.acquire(KEY).blockingGet();

    lease.release().test().assertComplete();
    lease.release().test().assertComplete();

    assertThat(lease.held()).isFalse();
    locks.close().test().awaitDone(1, TimeUnit.SECONDS).assertComplete();
  }

  @Test
  @DisplayName("is cold: nothing is granted before subscription")
  void cold() {
    var pending = locks.tryAcquire(KEY);
    ArtifactLease lease = pending.blockingGet();
    ArtifactLease again = pending.blockingGet();

    assertThat(lease).isNotSameAs(again);
    assertThat(KEY).hasToString("example.com/m@v1.0.0.zip");
  }
}
