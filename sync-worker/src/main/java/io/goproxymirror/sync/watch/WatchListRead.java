package io.goproxymirror.sync.watch;

import io.goproxymirror.config.sync.WatchList;
import io.goproxymirror.config.value.ConfigException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One look at the watch-list file: unchanged since the version last seen, or loaded, or bad. A
 * version is known by its fingerprint, the SHA-256 of its content or the reason it could not be
 * read, so that each bad version is reported once.
 *
 * @param fingerprint what identifies this version of the file
 * @param unchanged whether the fingerprint is the one last seen (then nothing else is set)
 * @param list the list, when it loaded
 * @param error why it did not
 */
record WatchListRead(
    String fingerprint, boolean unchanged, Optional<WatchList> list, Optional<ConfigException> error) {

  /** Reads and, if it changed since {@code lastSeen}, parses the file. Blocking. */
  static WatchListRead of(Path file, String lastSeen) {
    byte[] content;
    try {
      content = WatchList.read(file);
    } catch (ConfigException e) {
      String fingerprint = "unreadable: " + e.getMessage();
      return fingerprint.equals(lastSeen)
          ? new WatchListRead(fingerprint, true, Optional.empty(), Optional.empty())
          : new WatchListRead(fingerprint, false, Optional.empty(), Optional.of(e));
    }
    String hash = sha256(content);
    if (hash.equals(lastSeen)) {
      return new WatchListRead(hash, true, Optional.empty(), Optional.empty());
    }
    try {
      return new WatchListRead(hash, false, Optional.of(WatchList.parse(content, file)), Optional.empty());
    } catch (ConfigException e) {
      return new WatchListRead(hash, false, Optional.empty(), Optional.of(e));
    }
  }

  private static String sha256(byte[] content) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
