package io.goproxymirror.config.storage;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code storage.s3.*}: the S3-compatible bucket used when {@code storage.type} is {@code s3}.
 * Credentials are never part of the configuration: either both {@code access-key-env} and {@code
 * secret-key-env} name environment variables holding them (checked to be set and non-empty at
 * start), or neither does and the AWS SDK's default chain finds them ({@code AWS_ACCESS_KEY_ID} and
 * {@code AWS_SECRET_ACCESS_KEY}, a web identity token, a profile file, an instance or container
 * role).
 *
 * @param bucket {@code storage.s3.bucket}: the bucket name; required when the type is {@code s3},
 *     empty by default
 * @param endpoint {@code storage.s3.endpoint}: the http(s) URL of an S3-compatible service (MinIO,
 *     Ceph, R2 ...); empty, the default, means AWS S3 in {@code region}
 * @param region {@code storage.s3.region}: the signing region, default {@code us-east-1}
 * @param pathStyle {@code storage.s3.path-style}: address the bucket in the path ({@code
 *     host/bucket/key}) instead of the host name ({@code bucket.host/key}); most self-hosted
 *     services need it; default false
 * @param prefix {@code storage.s3.prefix}: the key prefix inside the bucket, without leading or
 *     trailing {@code /} ({@code mirror} stores {@code mirror/<module>/@v/...}); default empty
 * @param accessKeyEnv {@code storage.s3.access-key-env}: the name of the variable holding the access
 *     key id
 * @param secretKeyEnv {@code storage.s3.secret-key-env}: the name of the variable holding the secret
 *     access key
 * @param partSize {@code storage.s3.part-size}: files larger than this are uploaded in parts of
 *     this size, 5MiB..5GiB, default 16MiB
 * @param timeout {@code storage.s3.timeout}: the longest one S3 request may take (and the longest
 *     pause while a body streams), default 30s
 * @param maxConnections {@code storage.s3.max-connections}: the S3 connection pool; what is left
 *     after twice {@code storage.io-threads} (one for each thread of the read and the write
 *     pools) is the number of files that
 *     may stream from the bucket at once; default 64
 */
public record S3Config(
    String bucket,
    Optional<URI> endpoint,
    String region,
    boolean pathStyle,
    String prefix,
    Optional<String> accessKeyEnv,
    Optional<String> secretKeyEnv,
    long partSize,
    Duration timeout,
    int maxConnections) {

  public S3Config {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(accessKeyEnv, "accessKeyEnv");
    Objects.requireNonNull(secretKeyEnv, "secretKeyEnv");
    Objects.requireNonNull(timeout, "timeout");
  }

  /** Whether the credentials come from variables named here rather than the SDK's default chain. */
  public boolean namesCredentialVariables() {
    return accessKeyEnv.isPresent();
  }
}
