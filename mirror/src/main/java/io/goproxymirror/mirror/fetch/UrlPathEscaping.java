package io.goproxymirror.mirror.fetch;

import java.nio.charset.StandardCharsets;

/**
 * Spells a GOPROXY path (module path and version already case-escaped, {@code !} for upper case)
 * in a URL the way the go command does ({@code cmd/go/internal/modfetch/proxy.go}: {@code
 * url.PathEscape} of the whole path, then {@code %2F} back to {@code /}). Every byte outside the
 * unreserved set ({@code A-Z a-z 0-9 - . _ ~}) and {@code $ & + : = @} becomes {@code %XX} with
 * upper-case hex digits, so {@code #}, {@code %}, {@code ?}, space, {@code ^}, braces and {@code !}
 * can never end or bend the path: {@code @v/a#b.info} goes out as {@code @v/a%23b.info}.
 */
public final class UrlPathEscaping {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UrlPathEscaping() {}

  /** {@code path} with each {@code /}-separated segment escaped; {@code /} itself is kept. */
  public static String escape(String path) {
    byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = null;
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      if (b == '/' || kept(b)) {
        if (out != null) {
          out.append((char) b);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(bytes.length + 16).append(path, 0, i);
      }
      out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
    }
    return out == null ? path : out.toString();
  }

  private static boolean kept(int b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
        || "-._~$&+:=@".indexOf(b) >= 0;
  }
}
