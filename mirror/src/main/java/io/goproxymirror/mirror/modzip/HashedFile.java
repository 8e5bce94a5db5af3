package io.goproxymirror.mirror.modzip;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A file name and the SHA-256 digest of its content, as input to {@link DirHash}.
 *
 * @param name the name exactly as hashed (for a zip: the full entry name with its prefix)
 * @param sha256 the 32-byte digest of the content
 */
public record HashedFile(String name, byte[] sha256) {
  public HashedFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sha256, "sha256");
    if (sha256.length != 32) {
      throw new IllegalArgumentException("sha256 must be 32 bytes, got " + sha256.length);
    }
    sha256 = sha256.clone();
  }

  @Override
  public byte[] sha256() {
    return sha256.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HashedFile other
        && name.equals(other.name) && Arrays.equals(sha256, other.sha256);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(sha256);
  }

  @Override
  public String toString() {
    return "HashedFile[" + name + ", " + HexFormat.of().formatHex(sha256) + "]";
  }
}
