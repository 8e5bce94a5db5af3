package io.goproxymirror.mirror.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.goproxymirror.mirror.fetch.DownloadProgress;
import io.goproxymirror.mirror.fetch.ZipDownload;
import io.goproxymirror.mirror.logs.ThrottledLog;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.mirror.store.ArtifactRecord;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("growing file sender")
class GrowingFileSenderTest {
  private static final int SIZE = 300_000;

  @TempDir Path tmp;
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  @DisplayName("waits for the commit without spinning once every byte but the last is sent")
  void waitsForCommitWithoutSpinning() throws Exception {
    byte[] bytes = new byte[SIZE];
    new Random(7).nextBytes(bytes);
    Path staging = Files.write(tmp.resolve("stage.part"), bytes);
    ZipDownload download = new ZipDownload(staging, SIZE);
    DownloadProgress.advance(download, SIZE); // every byte is in the file; verification and commit are pending
    HttpServer server = vertx.createHttpServer()
        .requestHandler(req -> GrowingFileSender.open(vertx, req.response(), download, new ThrottledLog(Duration.ofSeconds(10)))
            .onSuccess(GrowingFileSender::start)
            .onFailure(err -> req.response().setStatusCode(500).end()))
        .listen(0, "127.0.0.1").await();
    HttpClient client = vertx.createHttpClient();
    AtomicLong received = new AtomicLong();
    CompletableFuture<Long> ended = new CompletableFuture<>();
    // On the event loop, so that the handlers are set in the turn the response arrives in.
    int port = server.actualPort();
    vertx.getOrCreateContext().runOnContext(v -> client.request(HttpMethod.GET, port, "127.0.0.1", "/zip")
        .compose(req -> req.send())
        .onSuccess(resp -> resp.handler(chunk -> received.addAndGet(chunk.length()))
            .endHandler(end -> ended.complete(received.get())))
        .onFailure(ended::completeExceptionally));

    awaitTrue(() -> received.get() == SIZE - 1, "the client receives every byte but the last");
    // The sender has nothing more to send until the download is committed: it must wait for that
    // (a listener on the download), not re-check on every turn of the event loop, which kept an
    // event loop busy for as long as a commit took and delayed every hit served by it.
    awaitTrue(() -> download.waitingReaders() == 1, "the sender waits on the download");
    assertThat(ended).isNotDone();

    DownloadProgress.complete(download, new ArtifactRecord(
        "example.com/m", "v1.0.0", ArtifactKind.ZIP, SIZE, "00".repeat(32), "h1:" + "A".repeat(43) + "=", Instant.EPOCH));
    assertThat(ended.get(10, TimeUnit.SECONDS)).isEqualTo(SIZE);
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("not within 10 s: " + what);
      }
      Thread.sleep(10);
    }
  }
}
