package io.goproxymirror.mirror.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What is known about one stored artifact.
 *
 * @param module unescaped module path
 * @param version canonical version
 * @param kind which artifact
 * @param size size in bytes of the stored blob
 * @param sha256 lower-case hex SHA-256 of the stored blob (used as the ETag)
 * @param h1 the go.sum hash: the zip hash for {@code ZIP}, the go.mod hash for {@code MOD}, null
 *     for {@code INFO}
 * @param storedAt when the artifact was committed
 */
public record ArtifactRecord(
    String module, String version, ArtifactKind kind, long size, String sha256, String h1,
    Instant storedAt) {
  public ArtifactRecord {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(storedAt, "storedAt");
    if (size < 0) {
      throw new IllegalArgumentException("size < 0");
    }
  }
}
