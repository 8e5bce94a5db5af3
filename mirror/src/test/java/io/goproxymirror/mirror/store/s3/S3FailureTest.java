package io.goproxymirror.mirror.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.store.BlobStoreException;
import io.goproxymirror.mirror.store.BlobStoreFailure;
import io.goproxymirror.mirror.testkit.S3Front;
import io.goproxymirror.mirror.testkit.S3Server;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("S3BlobStore failures")
class S3FailureTest {
  private static final String KEY = "example.com/m/@v/v1.0.0.mod";
  private static S3Server s3;

  @TempDir Path dir;

  @BeforeAll
  static void startS3() throws IOException {
    s3 = S3Server.start(Files.createTempDirectory("s3-failure-test"));
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  @Test
  @DisplayName("reports an unknown access key as ACCESS_DENIED with a hint, on every operation, never showing the secret")
  void wrongAccessKey() throws IOException {
    S3Credentials wrong = S3Credentials.keys("no-such-access-key", "wJalrWRONGsecret");
    try (S3BlobStore store = store(s3.endpoint(), s3.createBucket(), wrong, Duration.ofSeconds(10))) {
      Path staged = Files.writeString(dir.resolve("staged"), "module x\n");

      assertAccessDenied(store.check());
      assertAccessDenied(store.size(KEY));
      assertAccessDenied(store.read(KEY, 100));
      assertAccessDenied(store.open(KEY));
      assertAccessDenied(store.putBytes(KEY, new byte[] {1}));
      assertAccessDenied(store.put(KEY, staged));
      assertThat(staged).exists();
    }
  }

  @Test
  @DisplayName("reports a wrong secret key (a bad signature) as ACCESS_DENIED")
  void wrongSecretKey() {
    S3Credentials wrong = S3Credentials.keys(S3Server.ACCESS_KEY, "wJalrWRONGsecret");
    try (S3BlobStore store = store(s3.endpoint(), s3.createBucket(), wrong, Duration.ofSeconds(10))) {
      assertAccessDenied(store.read(KEY, 100));
      assertAccessDenied(store.check());
    }
  }

  @Test
  @DisplayName("reports a missing bucket as NO_SUCH_BUCKET at the start check and on reads and writes")
  void missingBucket() {
    try (S3BlobStore store = store(s3.endpoint(), "no-such-bucket", S3TestOptions.credentials(), Duration.ofSeconds(10))) {
      assertFailure(store.check().toMaybe(), BlobStoreFailure.NO_SUCH_BUCKET, "check storage.s3.bucket");
      assertFailure(store.read(KEY, 100), BlobStoreFailure.NO_SUCH_BUCKET, "the bucket does not exist");
      assertFailure(store.putBytes(KEY, new byte[] {1}).toMaybe(), BlobStoreFailure.NO_SUCH_BUCKET, "NoSuchBucket");
    }
  }

  @Test
  @DisplayName("passes the start check with a good bucket and credentials")
  void checkPasses() {
    try (S3BlobStore store = store(s3.endpoint(), s3.createBucket(), S3TestOptions.credentials(), Duration.ofSeconds(10))) {
      store.check().test().awaitDone(10, TimeUnit.SECONDS).assertComplete();
    }
  }

  @Test
  @DisplayName("reports an endpoint where nothing listens as UNAVAILABLE")
  void unreachable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + port);
    try (S3BlobStore store = store(closed, "bucket", S3TestOptions.credentials(), Duration.ofSeconds(5))) {
      assertFailure(store.size(KEY), BlobStoreFailure.UNAVAILABLE, "cannot reach S3");
    }
  }

  @Test
  @DisplayName("reports a request that gets no answer within the timeout as TIMEOUT")
  void timeout() {
    try (S3Front front = S3Front.start(s3).stallWhen(r -> r.startsWith("HEAD "));
        S3BlobStore store = store(front.endpoint(), s3.createBucket(), S3TestOptions.credentials(), Duration.ofMillis(500))) {
      long start = System.nanoTime();
      assertFailure(store.size(KEY), BlobStoreFailure.TIMEOUT, "timed out (storage.s3.timeout)");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }
  }

  private static S3BlobStore store(URI endpoint, String bucket, S3Credentials credentials, Duration timeout) {
    return new S3BlobStore(S3TestOptions.of(endpoint, bucket, "", credentials, timeout, 4), Schedulers.io());
  }

  private static void assertAccessDenied(Completable operation) {
    assertAccessDenied(operation.toMaybe());
  }

  private static void assertAccessDenied(Maybe<?> operation) {
    assertFailure(operation, BlobStoreFailure.ACCESS_DENIED, "access denied");
  }

  private static void assertFailure(Maybe<?> operation, BlobStoreFailure failure, String text) {
    operation.test().awaitDone(30, TimeUnit.SECONDS).assertError(e -> {
      assertThat(e).isInstanceOf(BlobStoreException.class);
      assertThat(((BlobStoreException) e).failure()).isEqualTo(failure);
      assertThat(e.getMessage()).contains(text).doesNotContain("WRONGsecret").doesNotContain("\n");
      if (failure == BlobStoreFailure.ACCESS_DENIED) {
        assertThat(e.getMessage()).contains("check the credentials");
      }
      return true;
    });
  }
}
