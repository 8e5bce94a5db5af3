package io.goproxymirror.mirror.store.s3;

import io.goproxymirror.mirror.store.BlobStore;
import io.goproxymirror.mirror.store.BlobStoreContract;
import io.goproxymirror.mirror.testkit.S3Server;
import io.reactivex.rxjava3.core.Scheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

/** The blob-store contract against a real S3 API (S3Proxy), a fresh bucket per test. */
@DisplayName("S3BlobStore")
class S3BlobStoreTest extends BlobStoreContract {
  private static S3Server s3;
  private S3BlobStore created;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3Server.start(Files.createTempDirectory("s3-blob-store-test"));
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  @Override
  protected BlobStore createStore(Path dataDir, Scheduler io) {
    created = new S3BlobStore(S3TestOptions.of(s3, s3.createBucket(), "mirror/v1"), io);
    return created;
  }

  @AfterEach
  void closeStore() {
    created.close();
  }
}
