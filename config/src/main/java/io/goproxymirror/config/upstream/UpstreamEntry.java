package io.goproxymirror.config.upstream;

import io.goproxymirror.config.value.Redaction;
import java.util.Objects;

/**
 * One entry of a GOPROXY list, as {@link UpstreamList#parse(String)} returns it.
 *
 * @param url the proxy base URL without trailing slash, possibly with userinfo for Basic auth;
 *     null for {@link Kind#DIRECT} and {@link Kind#OFF}
 * @param kind what the entry is
 * @param fallThroughOnAnyError true if the entry is followed by {@code |}: the next entry is tried
 *     after any error; false if followed by {@code ,} (next entry only after 404/410) or last.
 *     Always false for {@code direct} and {@code off}, which end the list.
 */
public record UpstreamEntry(String url, Kind kind, boolean fallThroughOnAnyError) {

  /** The kinds of GOPROXY entries. */
  public enum Kind {
    /** A module proxy at {@link UpstreamEntry#url()}. */
    PROXY,
    /** Fetch from the module's version control repository. */
    DIRECT,
    /** Fail: do not fetch from anywhere. */
    OFF
  }

  public UpstreamEntry {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.PROXY) != (url != null)) {
      throw new IllegalArgumentException("a url is required for PROXY entries and only for them");
    }
  }

  /** A proxy entry. */
  public static UpstreamEntry proxy(String url, boolean fallThroughOnAnyError) {
    return new UpstreamEntry(Objects.requireNonNull(url, "url"), Kind.PROXY, fallThroughOnAnyError);
  }

  /** The {@code direct} entry. */
  public static UpstreamEntry direct() {
    return new UpstreamEntry(null, Kind.DIRECT, false);
  }

  /** The {@code off} entry. */
  public static UpstreamEntry off() {
    return new UpstreamEntry(null, Kind.OFF, false);
  }

  /** Userinfo in the URL is hidden, so entries can be logged. */
  @Override
  public String toString() {
    return "UpstreamEntry[url="
        + Redaction.userinfo(url)
        + ", kind="
        + kind
        + ", fallThroughOnAnyError="
        + fallThroughOnAnyError
        + "]";
  }
}
