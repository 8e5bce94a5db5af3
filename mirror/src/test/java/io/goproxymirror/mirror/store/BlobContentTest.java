package io.goproxymirror.mirror.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("BlobContent")
class BlobContentTest {

  /** A stream that counts how often it was closed. */
  private static final class CountingStream extends ByteArrayInputStream {
    final AtomicInteger closes = new AtomicInteger();

    CountingStream(byte[] bytes) {
      super(bytes);
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }

  @Test
  @DisplayName("closes the stream once after the last chunk, and again never")
  void closesAtEnd() throws IOException {
    CountingStream stream = new CountingStream(new byte[10]);
    BlobContent content = new BlobContent(10, stream, Schedulers.io());

    content.chunks(4).map(ByteBuffer::remaining).test().awaitDone(10, TimeUnit.SECONDS)
        .assertValues(4, 4, 2).assertComplete();
    content.close();

    assertThat(stream.closes).hasValue(1);
  }

  @Test
  @DisplayName("closes the stream when the subscriber cancels")
  void closesOnCancel() throws InterruptedException {
    CountingStream stream = new CountingStream(new byte[1000]);
    BlobContent content = new BlobContent(1000, stream, Schedulers.io());

    content.chunks(10).take(2).test().awaitDone(10, TimeUnit.SECONDS).assertValueCount(2);

    for (int i = 0; i < 100 && stream.closes.get() == 0; i++) {
      Thread.sleep(10);
    }
    assertThat(stream.closes).hasValue(1);
  }

  @Test
  @DisplayName("fails when the stream is shorter or longer than the size, and closes it")
  void sizeMismatch() {
    CountingStream shorter = new CountingStream(new byte[5]);
    new BlobContent(6, shorter, Schedulers.io()).chunks(4).test().awaitDone(10, TimeUnit.SECONDS)
        .assertError(e -> e instanceof IOException && e.getMessage().contains("ended after 5 of 6 bytes"));
    CountingStream longer = new CountingStream(new byte[7]);
    new BlobContent(6, longer, Schedulers.io()).chunks(4).test().awaitDone(10, TimeUnit.SECONDS)
        .assertError(e -> e instanceof IOException && e.getMessage().contains("longer than its size of 6"));

    assertThat(shorter.closes).hasValue(1);
    assertThat(longer.closes).hasValue(1);
  }

  @Test
  @DisplayName("with a stall timeout, fails with a storage timeout when nothing is requested for that long, and closes the stream")
  void stallTimeout() throws InterruptedException {
    CountingStream stream = new CountingStream(new byte[1000]);
    BlobContent content = new BlobContent(1000, stream, Schedulers.io(), Duration.ofMillis(200));

    TestSubscriber<ByteBuffer> reader = content.chunks(10).test(1);

    reader.awaitDone(10, TimeUnit.SECONDS).assertValueCount(1).assertError(e ->
        e instanceof BlobStoreException s && s.failure() == BlobStoreFailure.TIMEOUT);
    for (int i = 0; i < 100 && stream.closes.get() == 0; i++) {
      Thread.sleep(10);
    }
    assertThat(stream.closes).hasValue(1);
  }

  @Test
  @DisplayName("with a stall timeout, a consumer that keeps requesting gets every byte")
  void stallTimeoutNotHit() {
    new BlobContent(1000, new CountingStream(new byte[1000]), Schedulers.io(), Duration.ofSeconds(10))
        .chunks(10).test().awaitDone(10, TimeUnit.SECONDS).assertValueCount(100).assertComplete();
  }
}
