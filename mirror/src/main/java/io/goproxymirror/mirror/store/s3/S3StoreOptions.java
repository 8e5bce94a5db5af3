package io.goproxymirror.mirror.store.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link S3BlobStore} needs to know, independent of how the configuration spells it.
 *
 * @param bucket the bucket, which must exist
 * @param endpoint the URL of an S3-compatible service; empty for AWS S3 in {@code region}
 * @param region the signing region, such as {@code us-east-1}
 * @param pathStyle address the bucket in the path ({@code host/bucket/key}) rather than the host
 * @param prefix the key prefix inside the bucket without leading or trailing {@code /}, or empty;
 *     blob {@code a/@v/list} is object {@code <prefix>/a/@v/list}
 * @param credentials where the credentials come from
 * @param partSize files larger than this go up in parts of this size (multipart upload), at least
 *     5 MiB (S3's smallest part)
 * @param timeout the longest one HTTP request may take (each attempt), and the longest pause while
 *     a body streams
 * @param maxConnections the size of the HTTP connection pool
 * @param maxStreams how many bodies {@link S3BlobStore#open} may hold open at once, each holding a
 *     connection; less than {@code maxConnections} by at least the store's blocking threads, so a
 *     request on one of those threads never waits for a connection that a stream holds (a stream
 *     needs those threads to move on)
 */
public record S3StoreOptions(
    String bucket,
    Optional<URI> endpoint,
    String region,
    boolean pathStyle,
    String prefix,
    S3Credentials credentials,
    long partSize,
    Duration timeout,
    int maxConnections,
    int maxStreams) {

  /** S3's smallest part size for all parts but the last. */
  public static final long MIN_PART_SIZE = 5L << 20;

  public S3StoreOptions {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(timeout, "timeout");
    if (bucket.isBlank()) {
      throw new IllegalArgumentException("bucket must not be empty");
    }
    if (prefix.startsWith("/") || prefix.endsWith("/")) {
      throw new IllegalArgumentException("prefix must not start or end with /: " + prefix);
    }
    if (partSize < MIN_PART_SIZE) {
      throw new IllegalArgumentException("part size must be at least 5 MiB: " + partSize);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
    }
    if (maxStreams < 1 || maxStreams >= maxConnections) {
      throw new IllegalArgumentException("maxStreams must be 1.." + (maxConnections - 1) + ": " + maxStreams);
    }
  }

  /** The object key of blob {@code key} (already validated). */
  String objectKey(String key) {
    return prefix.isEmpty() ? key : prefix + "/" + key;
  }

  /** {@code s3://bucket/prefix} and the endpoint, for messages; never a credential. */
  String describe() {
    return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix)
        + endpoint.map(e -> " at " + e).orElse("");
  }
}
