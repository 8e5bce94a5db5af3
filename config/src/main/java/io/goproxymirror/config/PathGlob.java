package io.goproxymirror.config;

/**
 * Checks the syntax of one pattern of Go's {@code path.Match}, as GOPRIVATE uses them: {@code *}
 * (any run of characters other than {@code /}), {@code ?} (one such character), character classes
 * {@code [...]} with ranges {@code a-z} and {@code ^} negation, and {@code \} escaping the next
 * character. It rejects what Go reports as {@code ErrBadPattern}, and also a reversed range such as
 * {@code [z-a]}, which Go accepts but which can match nothing.
 */
final class PathGlob {

  private final String glob;
  private int pos;

  private PathGlob(String glob) {
    this.glob = glob;
  }

  /**
   * @throws IllegalArgumentException with the reason, naming the glob
   */
  static void check(String glob) {
    new PathGlob(glob).pattern();
  }

  private void pattern() {
    while (pos < glob.length()) {
      char c = glob.charAt(pos);
      if (c == '\\') {
        pos++;
        if (pos >= glob.length()) {
          throw bad("ends with a lone \\");
        }
        next();
      } else if (c == '[') {
        pos++;
        characterClass();
      } else {
        next();
      }
    }
  }

  /** From just after {@code [} to just after its {@code ]}. */
  private void characterClass() {
    if (pos < glob.length() && glob.charAt(pos) == '^') {
      pos++;
    }
    int ranges = 0;
    while (true) {
      if (pos < glob.length() && glob.charAt(pos) == ']' && ranges > 0) {
        pos++;
        return;
      }
      int lo = classChar(ranges == 0);
      int hi = lo;
      if (glob.charAt(pos) == '-') {
        pos++;
        if (pos < glob.length() && glob.charAt(pos) == ']') {
          throw bad("range " + Character.toString(lo) + "- has no end (write \\- for a literal -)");
        }
        hi = classChar(false);
        if (hi < lo) {
          throw bad("empty range " + Character.toString(lo) + "-" + Character.toString(hi));
        }
      }
      ranges++;
    }
  }

  /** One character of a class, possibly escaped; something must follow it. */
  private int classChar(boolean first) {
    if (pos >= glob.length()) {
      throw bad("unterminated character class (missing ])");
    }
    char c = glob.charAt(pos);
    if (c == ']' && first) {
      throw bad("empty character class []");
    }
    if (c == '-' || c == ']') {
      throw bad("unescaped " + c + " in character class (write \\" + c + ")");
    }
    if (c == '\\') {
      pos++;
      if (pos >= glob.length()) {
        throw bad("unterminated character class (missing ])");
      }
    }
    int cp = next();
    if (pos >= glob.length()) {
      throw bad("unterminated character class (missing ])");
    }
    return cp;
  }

  private int next() {
    int cp = glob.codePointAt(pos);
    pos += Character.charCount(cp);
    return cp;
  }

  private IllegalArgumentException bad(String reason) {
    return new IllegalArgumentException("invalid pattern \"" + glob + "\": " + reason);
  }
}
