package io.goproxymirror.mirror.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * One glob in Go's {@code path.Match} syntax, checked and compiled once. {@code *} matches a run of
 * characters other than {@code /}, {@code ?} one character other than {@code /}, {@code [...]} and
 * {@code [^...]} one character in (or not in) a set of characters and {@code lo-hi} ranges, and
 * {@code \c} the character c. Matching follows Go's chunk-by-chunk search (a non-empty run of
 * single-character terms, possibly preceded by stars), so corner cases agree with the go command.
 */
final class PathGlob {
  /** A single-character term: a literal, {@code ?}, or a character class. */
  private interface Term {
    boolean accepts(int c);
  }

  /** Terms preceded by zero or more stars ({@code star}); a trailing star has no terms. */
  private record Chunk(boolean star, List<Term> terms) {}

  private final String text;
  private final List<Chunk> chunks;

  private PathGlob(String text, List<Chunk> chunks) {
    this.text = text;
    this.chunks = chunks;
  }

  /** Compiles {@code glob}; IllegalArgumentException with a one-line reason if it is malformed. */
  static PathGlob compile(String glob) {
    List<Chunk> chunks = new ArrayList<>();
    int[] cs = glob.codePoints().toArray();
    int i = 0;
    while (i < cs.length) {
      boolean star = false;
      while (i < cs.length && cs[i] == '*') {
        star = true;
        i++;
      }
      List<Term> terms = new ArrayList<>();
      while (i < cs.length && cs[i] != '*') {
        int c = cs[i];
        if (c == '?') {
          terms.add(x -> x != '/');
          i++;
        } else if (c == '[') {
          i = readClass(glob, cs, i + 1, terms);
        } else if (c == '\\') {
          if (i + 1 >= cs.length) {
            throw bad(glob, "trailing backslash");
          }
          int literal = cs[i + 1];
          terms.add(x -> x == literal);
          i += 2;
        } else {
          terms.add(x -> x == c);
          i++;
        }
      }
      chunks.add(new Chunk(star, List.copyOf(terms)));
    }
    return new PathGlob(glob, List.copyOf(chunks));
  }

  /** Whether the whole of {@code name} matches. */
  boolean matches(String name) {
    int[] s = name.codePoints().toArray();
    int pos = 0;
    next:
    for (int k = 0; k < chunks.size(); k++) {
      Chunk chunk = chunks.get(k);
      boolean last = k == chunks.size() - 1;
      if (chunk.star() && chunk.terms().isEmpty()) {
        return noSlash(s, pos);
      }
      int end = matchAt(chunk.terms(), s, pos);
      if (end >= 0 && (end == s.length || !last)) {
        pos = end;
        continue;
      }
      if (chunk.star()) {
        for (int skip = pos; skip < s.length && s[skip] != '/'; skip++) {
          end = matchAt(chunk.terms(), s, skip + 1);
          if (end >= 0 && (!last || end == s.length)) {
            pos = end;
            continue next;
          }
        }
      }
      return false;
    }
    return pos == s.length;
  }

  /** The number of {@code /} characters in the glob text. */
  int slashes() {
    return (int) text.chars().filter(c -> c == '/').count();
  }

  @Override
  public String toString() {
    return text;
  }

  private static int matchAt(List<Term> terms, int[] s, int from) {
    if (from + terms.size() > s.length) {
      return -1;
    }
    for (int t = 0; t < terms.size(); t++) {
      if (!terms.get(t).accepts(s[from + t])) {
        return -1;
      }
    }
    return from + terms.size();
  }

  private static boolean noSlash(int[] s, int from) {
    for (int i = from; i < s.length; i++) {
      if (s[i] == '/') {
        return false;
      }
    }
    return true;
  }

  /** Reads a class body starting after {@code [}; returns the index after its closing {@code ]}. */
  private static int readClass(String glob, int[] cs, int i, List<Term> terms) {
    boolean negated = i < cs.length && cs[i] == '^';
    if (negated) {
      i++;
    }
    List<int[]> ranges = new ArrayList<>();
    while (true) {
      if (i < cs.length && cs[i] == ']' && !ranges.isEmpty()) {
        i++;
        break;
      }
      int[] lo = classChar(glob, cs, i);
      int hi = lo[0];
      i = lo[1];
      if (cs[i] == '-') {
        int[] h = classChar(glob, cs, i + 1);
        hi = h[0];
        i = h[1];
      }
      ranges.add(new int[] {lo[0], hi});
    }
    int[][] set = ranges.toArray(new int[0][]);
    terms.add(x -> {
      for (int[] r : set) {
        if (r[0] <= x && x <= r[1]) {
          return !negated;
        }
      }
      return negated;
    });
    return i;
  }

  /** One possibly escaped class character at {@code i}: {value, next index}; more must follow. */
  private static int[] classChar(String glob, int[] cs, int i) {
    if (i >= cs.length) {
      throw bad(glob, "unclosed character class");
    }
    if (cs[i] == '-' || cs[i] == ']') {
      throw bad(glob, cs[i] == ']' ? "empty character class or range" : "unexpected '-' in character class");
    }
    if (cs[i] == '\\') {
      i++;
      if (i >= cs.length) {
        throw bad(glob, "unclosed character class");
      }
    }
    if (i + 1 >= cs.length) {
      throw bad(glob, "unclosed character class");
    }
    return new int[] {cs[i], i + 1};
  }

  private static IllegalArgumentException bad(String glob, String why) {
    return new IllegalArgumentException(
        "invalid pattern " + Quoted.of(glob) + ": syntax error in pattern (" + why + ")");
  }
}
