package io.goproxymirror.mirror.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("open file cache")
class OpenFileCacheTest {
  @TempDir Path tmp;

  @Test
  @DisplayName("reuses one channel per file and closes an evicted one only after its last release")
  void referenceCounting() throws Exception {
    Path a = Files.writeString(tmp.resolve("a"), "aaaa");
    Path b = Files.writeString(tmp.resolve("b"), "bb");
    OpenFileCache cache = new OpenFileCache(1);
    OpenFileCache.Handle first = cache.acquire(a);
    OpenFileCache.Handle again = cache.acquire(a);
    assertThat(again).isSameAs(first);
    again.release();
    OpenFileCache.Handle other = cache.acquire(b);
    long deadline = System.currentTimeMillis() + 5000;
    while (cache.acquire(b) != other && System.currentTimeMillis() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(first.channel().isOpen()).as("evicted but still in use").isTrue();
    ByteBuffer buffer = ByteBuffer.allocate(4);
    assertThat(first.channel().read(buffer, 0)).isEqualTo(4);
    first.release();
    assertThat(first.channel().isOpen()).as("evicted and released").isFalse();
    OpenFileCache.Handle reopened = cache.acquire(a);
    assertThat(reopened.channel().isOpen()).isTrue();
    reopened.release();
    other.release();
  }
}
