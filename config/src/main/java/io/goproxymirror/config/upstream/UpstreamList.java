package io.goproxymirror.config.upstream;

import io.goproxymirror.config.value.Redaction;
import io.goproxymirror.config.value.UrlPort;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses a GOPROXY list the way the go command does ({@code cmd/go/internal/modfetch/proxy.go}):
 * entries separated by {@code ,} (fall through on 404/410 only) or {@code |} (fall through on any
 * error), each {@code direct}, {@code off} or a proxy URL. {@code direct} and {@code off} end the
 * list; what follows them is ignored, as the go command ignores it. An entry that contains {@code
 * .}, {@code :} or {@code /} but no {@code :/} gets {@code https://} prepended; other single words
 * are reserved keywords. Trailing slashes are removed.
 *
 * <p>Stricter than the go command: empty entries are errors, {@code file://} URLs are rejected (this
 * server fetches over HTTP only), and a URL needs a host and no query or fragment.
 */
public final class UpstreamList {

  private UpstreamList() {}

  /**
   * @param goproxy for example {@code https://proxy.golang.org,direct}
   * @return the entries, at least one, in order
   * @throws IllegalArgumentException with a one-line reason; URL userinfo is never echoed
   */
  public static List<UpstreamEntry> parse(String goproxy) {
    if (goproxy == null || goproxy.isBlank()) {
      throw new IllegalArgumentException("empty GOPROXY list (use a proxy URL, direct or off)");
    }
    List<UpstreamEntry> entries = new ArrayList<>();
    int start = 0;
    while (true) {
      int sep = indexOfSeparator(goproxy, start);
      String entry = (sep < 0 ? goproxy.substring(start) : goproxy.substring(start, sep)).strip();
      if (entry.isEmpty()) {
        throw new IllegalArgumentException(
            "empty entry " + (entries.size() + 1) + " in GOPROXY list \"" + redact(goproxy) + "\"");
      }
      UpstreamEntry parsed = entry(entry, sep >= 0 && goproxy.charAt(sep) == '|');
      entries.add(parsed);
      if (parsed.kind() != UpstreamEntry.Kind.PROXY || sep < 0) {
        return List.copyOf(entries);
      }
      start = sep + 1;
    }
  }

  /** The list with every URL's userinfo hidden, for messages and logs. */
  public static String redact(String goproxy) {
    return Redaction.userinfo(goproxy);
  }

  private static int indexOfSeparator(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) == ',' || s.charAt(i) == '|') {
        return i;
      }
    }
    return -1;
  }

  private static UpstreamEntry entry(String entry, boolean fallThroughOnAnyError) {
    if (entry.equals("direct")) {
      return UpstreamEntry.direct();
    }
    if (entry.equals("off")) {
      return UpstreamEntry.off();
    }
    String shown = "\"" + redact(entry) + "\"";
    if (entry.chars().noneMatch(c -> c == '.' || c == ':' || c == '/')) {
      throw new IllegalArgumentException(
          "unknown GOPROXY keyword " + shown + " (entries are direct, off or a proxy URL)");
    }
    if (entry.startsWith("/")) {
      throw new IllegalArgumentException(
          "file paths are not supported as upstreams: " + shown + " (use an http or https URL)");
    }
    String url = entry.contains(":/") ? entry : "https://" + entry;
    return UpstreamEntry.proxy(checkedUrl(url, shown), fallThroughOnAnyError);
  }

  private static String checkedUrl(String url, String shown) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid upstream URL " + shown + ": " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("file")) {
      throw new IllegalArgumentException(
          "file:// upstreams are not supported by this server: " + shown + " (use http or https)");
    }
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "unsupported upstream URL scheme in " + shown + " (use https or http)");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("upstream URL " + shown + " has no valid host");
    }
    String portProblem = UrlPort.problem(uri);
    if (portProblem != null) {
      throw new IllegalArgumentException("upstream URL " + shown + " has " + portProblem);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "upstream URL " + shown + " must not have a query or fragment");
    }
    String normalized = scheme + url.substring(scheme.length());
    int end = normalized.length();
    while (end > 0 && normalized.charAt(end - 1) == '/') {
      end--;
    }
    return normalized.substring(0, end);
  }
}
