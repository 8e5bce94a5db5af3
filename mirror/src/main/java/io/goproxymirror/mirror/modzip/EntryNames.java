package io.goproxymirror.mirror.modzip;

/** Display form of untrusted zip entry names in one-line error messages. */
final class EntryNames {
  private static final int MAX_CHARS = 200;

  private EntryNames() {}

  /** {@code name} in double quotes, non-printable and non-ASCII characters escaped, shortened. */
  static String display(String name) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < name.length() && out.length() <= MAX_CHARS; i++) {
      char c = name.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    if (out.length() > MAX_CHARS) {
      out.append("...");
    }
    return out.append('"').toString();
  }
}
