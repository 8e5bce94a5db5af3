package io.goproxymirror.config.load;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Single-value keys that would hold a secret inline, refused with a hint wherever they appear: in
 * the file ({@code storage.s3.secret-key}) or as the environment variable that would set them
 * ({@code MIRROR_STORAGE_S3_SECRET_KEY}). The reason never needs the value.
 */
final class RefusedKeys {

  private static final String S3_HINT =
      "secrets are not accepted in the configuration; put the key in an environment variable and"
          + " name it in storage.s3.access-key-env and storage.s3.secret-key-env, or leave those"
          + " unset to use AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (the AWS SDK's default chain)";

  private static final Map<String, String> REFUSED =
      Map.of(
          "storage.s3.access-key", S3_HINT,
          "storage.s3.secret-key", S3_HINT,
          "storage.s3.access-key-id", S3_HINT,
          "storage.s3.secret-access-key", S3_HINT,
          "storage.s3.session-token", S3_HINT);

  private RefusedKeys() {}

  /** Why the key at {@code path} is refused, if it is. */
  static Optional<String> refusal(String path) {
    return Optional.ofNullable(REFUSED.get(path.toLowerCase(Locale.ROOT)));
  }

  /** The refused key that {@code variable} would set, if any, such as {@code storage.s3.secret-key}. */
  static Optional<String> setBy(String variable) {
    return REFUSED.keySet().stream().filter(path -> genericEnvVar(path).equals(variable)).findFirst();
  }

  private static String genericEnvVar(String path) {
    return "MIRROR_" + path.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
