package io.goproxymirror.mirror.store.s3;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the S3 client's credentials come from: the AWS SDK's default chain ({@code
 * AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}, a web identity token, a profile file, an
 * instance or container role), or a key pair the launcher read from the variables that {@code
 * storage.s3.access-key-env} and {@code storage.s3.secret-key-env} name. {@link #toString} never
 * shows the secret.
 */
public final class S3Credentials {
  private static final S3Credentials DEFAULT_CHAIN = new S3Credentials(null, null);

  private final String accessKeyId;
  private final String secretAccessKey;

  private S3Credentials(String accessKeyId, String secretAccessKey) {
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
  }

  /** The SDK's default credentials chain. */
  public static S3Credentials defaultChain() {
    return DEFAULT_CHAIN;
  }

  /** A fixed key pair; both non-empty. */
  public static S3Credentials keys(String accessKeyId, String secretAccessKey) {
    if (Objects.requireNonNull(accessKeyId, "accessKeyId").isBlank()
        || Objects.requireNonNull(secretAccessKey, "secretAccessKey").isBlank()) {
      throw new IllegalArgumentException("S3 access key id and secret key must not be empty");
    }
    return new S3Credentials(accessKeyId, secretAccessKey);
  }

  /** The access key id, when a fixed pair was given. */
  public Optional<String> accessKeyId() {
    return Optional.ofNullable(accessKeyId);
  }

  /** The secret key, when a fixed pair was given. */
  Optional<String> secretAccessKey() {
    return Optional.ofNullable(secretAccessKey);
  }

  @Override
  public String toString() {
    return accessKeyId == null ? "S3Credentials[default chain]" : "S3Credentials[keys, secret hidden]";
  }
}
