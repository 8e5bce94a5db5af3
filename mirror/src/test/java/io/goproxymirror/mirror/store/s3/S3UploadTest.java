package io.goproxymirror.mirror.store.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.goproxymirror.mirror.store.BlobStoreException;
import io.goproxymirror.mirror.store.BlobStoreFailure;
import io.goproxymirror.mirror.store.StagingArea;
import io.goproxymirror.mirror.testkit.S3Front;
import io.goproxymirror.mirror.testkit.S3Server;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

@DisplayName("S3BlobStore uploads")
class S3UploadTest {
  private static final String ZIP = "example.com/m/@v/v1.0.0.zip";
  private static final int MIB = 1 << 20;

  private static S3Server s3;
  private S3Front front;
  private S3BlobStore store;
  private StagingArea staging;
  private String bucket;

  @TempDir Path dir;

  @BeforeAll
  static void startS3() throws IOException {
    s3 = S3Server.start(Files.createTempDirectory("s3-upload-test"));
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  @BeforeEach
  void createStore() {
    bucket = s3.createBucket();
    front = S3Front.start(s3);
    store = new S3BlobStore(
        S3TestOptions.of(front.endpoint(), bucket, "mirror", S3TestOptions.credentials(),
            Duration.ofSeconds(10), 4),
        Schedulers.io());
    staging = new StagingArea(dir);
  }

  @AfterEach
  void closeStore() {
    store.close();
    front.close();
  }

  @Test
  @DisplayName("uploads a file larger than the part size in parts, streamed, and consumes it")
  void multipart() throws IOException {
    byte[] content = randomBytes(12 * MIB + 1, 1);
    Path staged = stage(content);

    store.put(ZIP, staged).blockingAwait(60, TimeUnit.SECONDS);

    assertThat(store.read(ZIP, Long.MAX_VALUE).blockingGet()).isEqualTo(content);
    assertThat(staged).doesNotExist();
    List<String> requests = front.requests();
    assertThat(requests).filteredOn(r -> r.startsWith("POST ") && r.endsWith("?uploads")).hasSize(1);
    assertThat(requests).filteredOn(r -> r.startsWith("PUT ") && r.contains("partNumber="))
        .hasSize(3)
        .anySatisfy(r -> assertThat(r).contains("partNumber=3"));
    assertThat(requests).filteredOn(r -> r.startsWith("POST ") && r.contains("uploadId=")).hasSize(1);
    assertThat(s3.client().listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
  }

  @Test
  @DisplayName("uploads a file of exactly the part size with one PutObject")
  void singlePutAtPartSize() throws IOException {
    byte[] content = randomBytes(5 * MIB, 2);

    store.put(ZIP, stage(content)).blockingAwait(60, TimeUnit.SECONDS);

    assertThat(store.size(ZIP).blockingGet()).isEqualTo(content.length);
    assertThat(front.requests()).noneMatch(r -> r.contains("uploads") || r.contains("partNumber"));
  }

  @Test
  @DisplayName("aborts a multipart upload whose part fails: no object, no upload left, staged file kept")
  void failedPartLeavesNothing() throws IOException {
    store.putBytes("example.com/m/@v/list", "v1.0.0\n".getBytes(UTF_8)).blockingAwait();
    front.failWhen(r -> r.startsWith("PUT ") && r.contains("partNumber=2"));
    Path staged = stage(randomBytes(12 * MIB, 3));
    Path replacement = stage(randomBytes(11 * MIB, 4));

    store.put(ZIP, staged).test().awaitDone(60, TimeUnit.SECONDS)
        .assertError(e -> e instanceof BlobStoreException b && b.failure() == BlobStoreFailure.UNAVAILABLE
            && e.getMessage().contains("InternalError, HTTP 500"));
    store.put("example.com/m/@v/list", replacement).test().awaitDone(60, TimeUnit.SECONDS)
        .assertError(BlobStoreException.class);

    store.size(ZIP).test().awaitDone(10, TimeUnit.SECONDS).assertComplete().assertNoValues();
    assertThat(new String(store.read("example.com/m/@v/list", 100).blockingGet(), UTF_8)).isEqualTo("v1.0.0\n");
    assertThat(front.requests()).filteredOn(r -> r.startsWith("DELETE ") && r.contains("uploadId=")).hasSize(2);
    assertThat(s3.client().listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    assertThat(s3.client().listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(S3Object::key)
        .containsExactly("mirror/example.com/m/@v/list");
    assertThat(staged).exists();
    assertThat(replacement).exists();
  }

  @Test
  @DisplayName("fails a single PutObject that S3 refuses without creating the key")
  void failedPutLeavesNothing() throws IOException {
    front.failWhen(r -> r.startsWith("PUT "));
    Path staged = stage(randomBytes(1000, 5));

    store.put(ZIP, staged).test().awaitDone(60, TimeUnit.SECONDS).assertError(BlobStoreException.class);
    store.putBytes(ZIP, new byte[] {1}).test().awaitDone(60, TimeUnit.SECONDS).assertError(BlobStoreException.class);

    assertThat(s3.client().listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
    assertThat(staged).exists();
  }

  @Test
  @DisplayName("fails as a local error, with no object and no upload left, when the staged file shrinks mid-upload")
  void stagedFileShrinks() throws IOException {
    Path staged = stage(randomBytes(6 * MIB, 6));
    FileUpload upload = new FileUpload(s3.client(), bucket, 5 * MIB);

    // Told 11 MiB, the file has 6: part 2 runs out of bytes, as when a file is cut short meanwhile.
    Throwable failure = catchThrowable(() -> upload.upload("mirror/" + ZIP, staged, 11 * MIB));

    assertThat(failure instanceof RuntimeException r ? S3Failures.translate(r, "PUT", ZIP) : failure)
        .isInstanceOf(StagedFileException.class)
        .hasMessageContaining("staged file is shorter than when its upload began");
    assertThat(s3.client().listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    assertThat(s3.client().listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
  }

  @Test
  @DisplayName("fails a put of a missing staged file without contacting S3")
  void missingStagedFile() {
    store.put(ZIP, dir.resolve(".tmp/absent")).test().awaitDone(10, TimeUnit.SECONDS)
        .assertError(NoSuchFileException.class);

    assertThat(front.requests()).isEmpty();
  }

  @Test
  @DisplayName("stores blob a/b as object <prefix>/a/b, keeping GOPROXY case escapes, with no local file")
  void objectLayout() throws IOException {
    store.putBytes("github.com/!azure/go-autorest/@v/v0.11.28.mod", "module x\n".getBytes(UTF_8)).blockingAwait();
    try (S3BlobStore unprefixed = new S3BlobStore(S3TestOptions.of(s3, bucket, ""), Schedulers.io())) {
      unprefixed.put("example.com/m/@v/list", stage("v1.0.0\n".getBytes(UTF_8))).blockingAwait();
      assertThat(unprefixed.localFile("example.com/m/@v/list")).isEmpty();
    }

    assertThat(s3.client().listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(S3Object::key)
        .containsExactlyInAnyOrder("mirror/github.com/!azure/go-autorest/@v/v0.11.28.mod", "example.com/m/@v/list");
  }

  private Path stage(byte[] content) throws IOException {
    return Files.write(staging.newFile(), content);
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
