package io.goproxymirror.mirror.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.errors.OverloadedException;
import io.goproxymirror.mirror.store.BlobContent;
import io.goproxymirror.mirror.store.BlobTooLargeException;
import io.goproxymirror.mirror.testkit.S3Server;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("S3BlobStore streamed reads")
class S3StreamingTest {
  private static final String ZIP = "example.com/m/@v/v1.0.0.zip";
  private static S3Server s3;
  private static byte[] content;
  private static String bucket;

  @BeforeAll
  static void startS3WithAZip() throws IOException {
    s3 = S3Server.start(Files.createTempDirectory("s3-streaming-test"));
    bucket = s3.createBucket();
    content = new byte[12 << 20];
    new Random(9).nextBytes(content);
    s3.client().putObject(b -> b.bucket(bucket).key(ZIP),
        software.amazon.awssdk.core.sync.RequestBody.fromBytes(content));
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  /** A store with a pool of three connections and two streams, so a leaked stream shows up within three calls. */
  private static S3BlobStore store() {
    return new S3BlobStore(S3TestOptions.of(s3.endpoint(), bucket, "", S3TestOptions.credentials(),
        Duration.ofSeconds(5), 3), Schedulers.io());
  }

  @Test
  @DisplayName("past its stream limit an open fails at once as overloaded, and a closed stream frees its place")
  void streamLimit() throws IOException {
    try (S3BlobStore store = store()) {
      BlobContent first = store.open(ZIP).blockingGet();
      BlobContent second = store.open(ZIP).blockingGet();

      store.open(ZIP).test().awaitDone(10, TimeUnit.SECONDS).assertError(OverloadedException.class);
      assertThat(store.size(ZIP).blockingGet()).isEqualTo(content.length); // a request still gets a connection

      first.close();
      try (BlobContent third = store.open(ZIP).timeout(10, TimeUnit.SECONDS).blockingGet()) {
        assertThat(third.size()).isEqualTo(content.length);
      }
      second.close();
    }
  }

  @Test
  @DisplayName("streams a 12 MiB object in chunks with its size known up front")
  void streamsLargeObject() {
    try (S3BlobStore store = store()) {
      BlobContent blob = store.open(ZIP).blockingGet();
      assertThat(blob.size()).isEqualTo(content.length);

      List<ByteBuffer> chunks = blob.chunks(256 << 10).toList().timeout(60, TimeUnit.SECONDS).blockingGet();

      assertThat(chunks).hasSize(48);
      ByteBuffer all = ByteBuffer.allocate(content.length);
      chunks.forEach(all::put);
      assertThat(all.array()).isEqualTo(content);
    }
  }

  @Test
  @DisplayName("releases the connection when a stream is cancelled, closed unread or over the read limit")
  void releasesConnections() throws IOException {
    try (S3BlobStore store = store()) {
      for (int i = 0; i < 5; i++) {
        store.open(ZIP).blockingGet().chunks(64 << 10).take(2).test().awaitDone(10, TimeUnit.SECONDS)
            .assertValueCount(2).assertComplete();
        store.open(ZIP).blockingGet().close();
        store.read(ZIP, 1 << 20).test().awaitDone(10, TimeUnit.SECONDS)
            .assertError(e -> e instanceof BlobTooLargeException t && t.size() == content.length);
      }

      try (BlobContent blob = store.open(ZIP).timeout(10, TimeUnit.SECONDS).blockingGet()) {
        assertThat(blob.stream().readNBytes(1000)).isEqualTo(Arrays.copyOf(content, 1000));
      }
    }
  }
}
