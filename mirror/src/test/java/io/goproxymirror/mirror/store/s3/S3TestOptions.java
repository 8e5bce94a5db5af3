package io.goproxymirror.mirror.store.s3;

import io.goproxymirror.mirror.testkit.S3Server;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link S3StoreOptions} for tests: path style, 5 MiB parts, the test server's credentials, streams
 * up to one less than the connections.
 */
final class S3TestOptions {
  private S3TestOptions() {}

  static S3StoreOptions of(S3Server server, String bucket, String prefix) {
    return of(server.endpoint(), bucket, prefix, credentials(), Duration.ofSeconds(10), 16);
  }

  static S3StoreOptions of(URI endpoint, String bucket, String prefix, S3Credentials credentials,
      Duration timeout, int maxConnections) {
    return new S3StoreOptions(bucket, Optional.of(endpoint), S3Server.REGION, true, prefix,
        credentials, S3StoreOptions.MIN_PART_SIZE, timeout, maxConnections, maxConnections - 1);
  }

  static S3Credentials credentials() {
    return S3Credentials.keys(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
  }
}
