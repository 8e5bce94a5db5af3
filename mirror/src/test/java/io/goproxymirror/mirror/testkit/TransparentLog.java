package io.goproxymirror.mirror.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * An append-only transparency log of checksum-database records with the RFC 6962 hashes the go
 * command checks: leaf hash SHA-256(0x00 || record), interior node SHA-256(0x01 || left || right),
 * the root of n leaves split at the largest power of two below n. Served as tiles of height 8: a
 * level-L tile N of width W holds the W consecutive hashes at tree level 8·L starting at index
 * N·256, each the root of a complete subtree of 2^(8·L) leaves. Thread-safe.
 */
final class TransparentLog {
  static final int TILE_HEIGHT = 8;
  private final List<byte[]> records = new ArrayList<>();
  private final List<byte[]> leafHashes = new ArrayList<>();

  /** Appends a record (text ending in a newline, no blank line); returns its id. */
  synchronized long append(String record) {
    if (!record.endsWith("\n") || record.contains("\n\n")) {
      throw new IllegalArgumentException("a record is one or more lines, each ending in a newline");
    }
    byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
    records.add(bytes);
    leafHashes.add(sha256(new byte[] {0x00}, bytes));
    return records.size() - 1L;
  }

  synchronized long size() {
    return records.size();
  }

  synchronized String record(long id) {
    return new String(records.get((int) id), StandardCharsets.UTF_8);
  }

  /** The root hash of the first {@code n} records (n ≥ 1). */
  synchronized byte[] rootHash(long n) {
    return subtree(0, (int) n);
  }

  /** The signed-note text of the current tree: {@code go.sum database tree\n<N>\n<base64 root>\n}. */
  synchronized String treeText() {
    long n = size();
    byte[] root = n == 0 ? sha256() : rootHash(n);
    return "go.sum database tree\n" + n + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
  }

  /** Hash tile {@code level}/{@code n} of {@code width} hashes, if the tree holds all of them. */
  synchronized Optional<byte[]> hashTile(int level, long n, int width) {
    long span = 1L << (TILE_HEIGHT * level);
    long first = n << TILE_HEIGHT;
    if ((first + width) * span > records.size()) {
      return Optional.empty();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (long i = first; i < first + width; i++) {
      out.writeBytes(subtree((int) (i * span), (int) ((i + 1) * span)));
    }
    return Optional.of(out.toByteArray());
  }

  /** Data tile {@code n} of {@code width} records: each record's text followed by a blank line. */
  synchronized Optional<byte[]> dataTile(long n, int width) {
    long first = n << TILE_HEIGHT;
    if (first + width > records.size()) {
      return Optional.empty();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (long i = first; i < first + width; i++) {
      out.writeBytes(records.get((int) i));
      out.write('\n');
    }
    return Optional.of(out.toByteArray());
  }

  /** RFC 6962 MTH of leaves [from, to). */
  private byte[] subtree(int from, int to) {
    if (to - from == 1) {
      return leafHashes.get(from);
    }
    int split = Integer.highestOneBit(to - from - 1);
    return sha256(new byte[] {0x01}, subtree(from, from + split), subtree(from + split, to));
  }

  static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
