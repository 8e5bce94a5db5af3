package io.goproxymirror.mirror.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.logs.ThrottledLog;
import io.goproxymirror.mirror.serve.CacheStatus;
import io.goproxymirror.mirror.serve.Reply;
import io.goproxymirror.mirror.store.BlobContent;
import io.goproxymirror.mirror.store.BlobStoreException;
import io.goproxymirror.mirror.store.BlobStoreFailure;
import io.goproxymirror.mirror.testkit.SlowReader;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RemoteBlobSender")
class RemoteBlobSenderTest {
  private static final long SIZE = 32L << 20;
  /** Socket buffers set small on both ends, so what the kernel holds does not hide the sender's lead. */
  private static final int SOCKET_BUFFER = 64 << 10;
  /**
   * What may be read ahead of the client: the chunk being read, the prefetched chunks, the write
   * subscriber's batch of requested chunks (16), the connection's write queue and both socket
   * buffers; a sender that buffered without bound would run the whole 32 MiB ahead.
   */
  private static final long MAX_LEAD = 4L << 20;

  private ExecutorService blocking;
  private Scheduler io;
  private Vertx vertx;
  private HttpServer server;
  private volatile Supplier<BlobContent> contents;

  @BeforeEach
  void start() throws Exception {
    blocking = Executors.newFixedThreadPool(4);
    io = Schedulers.from(blocking);
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.get("/blob").handler(ctx -> RemoteBlobSender.send(ctx,
        new Reply.StoredBlob(SIZE, "etag", CacheStatus.HIT, () -> Maybe.fromCallable(() -> contents.get()))));
    router.route().failureHandler(new FailureHandler(new ThrottledLog(Duration.ofSeconds(10))));
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
            .setSendBufferSize(SOCKET_BUFFER))
        .requestHandler(router).listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    blocking.shutdownNow();
  }

  @Test
  @DisplayName("a slow client gets every byte, and the store is never read more than a bounded lead ahead of it")
  void slowClientBoundedLead() {
    AtomicLong received = new AtomicLong();
    PatternStream stream = new PatternStream(SIZE, received, -1);
    BlobContent content = new BlobContent(SIZE, stream, io, Duration.ofSeconds(10));
    contents = () -> content;

    SlowReader.Result result = SlowReader.get(server.actualPort(), "/blob", 4 << 20, 300, received::set);

    assertThat(result.complete()).isTrue();
    assertThat(result.sha256()).isEqualTo(PatternStream.DIGEST);
    assertThat(stream.maxLead()).as("bytes read from the store ahead of the client").isLessThan(MAX_LEAD);
    assertThat(stream.closed.getCount()).isZero();
  }

  @Test
  @DisplayName("twenty clients at once, every other one pausing often, all get every byte")
  void concurrentClients() throws Exception {
    contents = () -> new BlobContent(SIZE, new PatternStream(SIZE, new AtomicLong(), -1), io, Duration.ofSeconds(10));
    ExecutorService clients = Executors.newFixedThreadPool(20);
    try {
      List<Future<SlowReader.Result>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        long every = i % 2 == 0 ? Long.MAX_VALUE : 1 << 20;
        calls.add(clients.submit(() -> SlowReader.paced(server.actualPort(), "/blob", every, 5)));
      }
      for (Future<SlowReader.Result> call : calls) {
        SlowReader.Result result = call.get(120, TimeUnit.SECONDS);
        assertThat(result.complete()).isTrue();
        assertThat(result.sha256()).isEqualTo(PatternStream.DIGEST);
      }
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  @DisplayName("a client that stops reading for longer than the stall timeout is cut off and the store's stream closed")
  void stallTimeout() throws Exception {
    PatternStream stream = new PatternStream(SIZE, new AtomicLong(), -1);
    BlobContent content = new BlobContent(SIZE, stream, io, Duration.ofMillis(500));
    contents = () -> content;

    SlowReader.Result result = SlowReader.paced(server.actualPort(), "/blob", 1 << 20, 3_000);

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.received()).isLessThan(SIZE);
    assertThat(stream.closed.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  @DisplayName("a client that goes away releases the store's stream at once, long before the stall timeout")
  void clientGone() throws Exception {
    PatternStream stream = new PatternStream(SIZE, new AtomicLong(), -1);
    BlobContent content = new BlobContent(SIZE, stream, io, Duration.ofMinutes(5));
    contents = () -> content;

    SlowReader.Result result = SlowReader.abandon(server.actualPort(), "/blob", 1 << 20);

    assertThat(result.received()).isLessThan(SIZE);
    assertThat(stream.closed.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(stream.position.get()).isLessThan(SIZE);
  }

  @Test
  @DisplayName("a store failure before the first byte is an error status (504 for a timeout)")
  void failureBeforeFirstByte() {
    BlobContent content = new BlobContent(SIZE, new PatternStream(SIZE, new AtomicLong(), 0), io, Duration.ofSeconds(10));
    contents = () -> content;

    SlowReader.Result result = SlowReader.fast(server.actualPort(), "/blob");

    assertThat(result.status()).isEqualTo(504);
  }

  @Test
  @DisplayName("a store failure mid-transfer cuts the transfer short, never completes it")
  void failureMidTransfer() {
    BlobContent content = new BlobContent(SIZE, new PatternStream(SIZE, new AtomicLong(), 2 << 20), io, Duration.ofSeconds(10));
    contents = () -> content;

    SlowReader.Result result = SlowReader.fast(server.actualPort(), "/blob");

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.received()).isGreaterThanOrEqualTo(0).isLessThan(SIZE);
  }

  /**
   * {@code size} bytes of a fixed pattern, made as they are read; records how far reading ran ahead
   * of what the client reported received, and fails with a storage timeout at {@code failAt}.
   */
  static final class PatternStream extends InputStream {
    static final byte[] DIGEST = digest(SIZE);
    final AtomicLong position = new AtomicLong();
    final CountDownLatch closed = new CountDownLatch(1);
    private final long size;
    private final AtomicLong received;
    private final long failAt;
    private final AtomicLong maxLead = new AtomicLong();

    PatternStream(long size, AtomicLong received, long failAt) {
      this.size = size;
      this.received = received;
      this.failAt = failAt;
    }

    static byte at(long i) {
      return (byte) (i * 31 + (i >>> 13));
    }

    static byte[] digest(long size) {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[64 << 10];
        for (long done = 0; done < size; ) {
          int n = (int) Math.min(block.length, size - done);
          for (int k = 0; k < n; k++) {
            block[k] = at(done + k);
          }
          sha.update(block, 0, n);
          done += n;
        }
        return sha.digest();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    long maxLead() {
      return maxLead.get();
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      long from = position.get();
      if (failAt >= 0 && from >= failAt) {
        throw new BlobStoreException(BlobStoreFailure.TIMEOUT, "injected storage timeout", null);
      }
      if (from >= size) {
        return -1;
      }
      int n = (int) Math.min(len, size - from);
      for (int k = 0; k < n; k++) {
        buffer[off + k] = at(from + k);
      }
      position.addAndGet(n);
      maxLead.accumulateAndGet(from + n - received.get(), Math::max);
      return n;
    }

    @Override
    public void close() {
      closed.countDown();
    }
  }
}
