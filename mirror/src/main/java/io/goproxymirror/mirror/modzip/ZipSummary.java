package io.goproxymirror.mirror.modzip;

import java.util.Objects;

/**
 * What verifying a module zip established.
 *
 * @param h1 the go.sum zip hash
 * @param zipSize size of the zip file in bytes
 * @param entries number of entries (directory entries included)
 * @param uncompressedSize total bytes of all entries' content
 */
public record ZipSummary(String h1, long zipSize, int entries, long uncompressedSize) {
  public ZipSummary {
    Objects.requireNonNull(h1, "h1");
  }
}
