package io.goproxymirror.mirror.modzip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The go.sum {@code h1:} hash (dirhash Hash1, PROTOCOL §4.5): SHA-256 over one line
 * {@code <hex sha256>  <name>\n} per file, names sorted by their UTF-8 bytes, then standard padded
 * Base64 with the {@code h1:} prefix.
 */
public final class DirHash {
  private static final Comparator<byte[]> UNSIGNED_BYTES = Arrays::compareUnsigned;
  private static final HexFormat HEX = HexFormat.of();

  private DirHash() {}

  /**
   * The h1 hash of the given files.
   *
   * @throws IllegalArgumentException if a name contains a newline
   */
  public static String hash1(List<HashedFile> files) {
    record Line(byte[] name, HashedFile file) {}
    List<Line> lines = files.stream()
        .map(f -> new Line(f.name().getBytes(StandardCharsets.UTF_8), f))
        .sorted(Comparator.comparing(Line::name, UNSIGNED_BYTES))
        .toList();
    MessageDigest summary = sha256();
    for (Line line : lines) {
      if (line.file().name().indexOf('\n') >= 0) {
        throw new IllegalArgumentException("dirhash: file names with newlines are not supported");
      }
      summary.update(HEX.formatHex(line.file().sha256()).getBytes(StandardCharsets.US_ASCII));
      summary.update(new byte[] {' ', ' '});
      summary.update(line.name());
      summary.update((byte) '\n');
    }
    return "h1:" + Base64.getEncoder().encodeToString(summary.digest());
  }

  /** The hash of a .mod response: one file named {@code go.mod} with exactly these bytes. */
  public static String goModHash(byte[] goMod) {
    return hash1(List.of(new HashedFile("go.mod", sha256().digest(goMod))));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
