package io.goproxymirror.config.storage;

import io.goproxymirror.config.value.ValueParser;
import java.util.Locale;

/** {@code storage.type}: where blobs (module files) are kept. */
public enum StorageType {
  /** Files under {@code storage.path}; one process, or a shared ReadWriteMany volume. */
  FILE,
  /** Objects in an S3-compatible bucket ({@code storage.s3.*}), shared by any number of replicas. */
  S3;

  /**
   * The type named {@code text}, any letter case.
   *
   * @throws IllegalArgumentException unless it is {@code file} or {@code s3}
   */
  public static StorageType parse(String text) {
    return valueOf(ValueParser.oneOf("file", "s3").parse(text).toUpperCase(Locale.ROOT));
  }

  /** The value as written in the configuration: {@code file} or {@code s3}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
