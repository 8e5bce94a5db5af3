package io.goproxymirror.config.upstream;

import java.util.List;
import java.util.Objects;

/**
 * A GOPROXY list as written and as parsed, so that it is parsed once, when the configuration is
 * loaded: {@code upstream} and the {@code upstream} of each route.
 *
 * @param text the list as written, stripped, for example {@code https://proxy.golang.org,direct};
 *     may hold userinfo, so print {@link #redacted()} instead
 * @param entries its entries as {@link UpstreamList#parse(String)} returns them: at least one, in
 *     order
 */
public record GoproxyList(String text, List<UpstreamEntry> entries) {

  public GoproxyList {
    Objects.requireNonNull(text, "text");
    entries = List.copyOf(entries);
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("a GOPROXY list has at least one entry");
    }
  }

  /**
   * @param text for example {@code https://proxy.golang.org,direct}; surrounding white space is
   *     dropped
   * @throws IllegalArgumentException with the one-line reason of {@link UpstreamList#parse(String)}
   */
  public static GoproxyList parse(String text) {
    String s = text.strip();
    return new GoproxyList(s, UpstreamList.parse(s));
  }

  /** The text with every URL's userinfo hidden, for messages and logs. */
  public String redacted() {
    return UpstreamList.redact(text);
  }

  /** Userinfo in the URLs is hidden, so the list can be logged. */
  @Override
  public String toString() {
    return redacted();
  }
}
