package io.goproxymirror.gomod;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * One glob in Go's {@code path.Match} syntax, checked and compiled once. {@code *} matches a run of
 * characters other than {@code /}, {@code ?} one character other than {@code /}, {@code [...]} and
 * {@code [^...]} one character in (or not in) a set of characters and {@code lo-hi} ranges, and
 * {@code \c} the character c. Matching follows Go's chunk-by-chunk search (a non-empty run of
 * single-character terms, possibly preceded by stars), so corner cases agree with the go command.
 *
 * <p>Every glob that {@code path.Match} reports as {@code ErrBadPattern} is rejected, and two more
 * that Go accepts but that can never match a module path: white space anywhere in the glob, and a
 * reversed range such as {@code [z-a]}.
 */
final class PathGlob {
  /**
   * Single-character terms (a literal, {@code ?}, or a character class) preceded by zero or more
   * stars ({@code star}); a trailing star has no terms.
   */
  private record Chunk(boolean star, List<IntPredicate> terms) {}

  private final String text;
  private final List<Chunk> chunks;

  private PathGlob(String text, List<Chunk> chunks) {
    this.text = text;
    this.chunks = chunks;
  }

  /**
   * Compiles {@code glob}.
   *
   * @throws IllegalArgumentException if it is malformed, with a one-line reason naming the glob
   */
  static PathGlob compile(String glob) {
    if (glob.codePoints().anyMatch(PathGlob::isBlank)) {
      throw bad(glob, "contains white space (separate with commas)");
    }
    List<Chunk> chunks = new ArrayList<>();
    int[] cs = glob.codePoints().toArray();
    int i = 0;
    while (i < cs.length) {
      boolean star = false;
      while (i < cs.length && cs[i] == '*') {
        star = true;
        i++;
      }
      List<IntPredicate> terms = new ArrayList<>();
      while (i < cs.length && cs[i] != '*') {
        int c = cs[i];
        if (c == '?') {
          terms.add(x -> x != '/');
          i++;
        } else if (c == '[') {
          i = readClass(glob, cs, i + 1, terms);
        } else if (c == '\\') {
          if (i + 1 >= cs.length) {
            throw bad(glob, "ends with a lone \\");
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
        return Arrays.stream(s, pos, s.length).noneMatch(c -> c == '/');
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

  private static int matchAt(List<IntPredicate> terms, int[] s, int from) {
    if (from + terms.size() > s.length) {
      return -1;
    }
    for (int t = 0; t < terms.size(); t++) {
      if (!terms.get(t).test(s[from + t])) {
        return -1;
      }
    }
    return from + terms.size();
  }

  /** Reads a class body starting after {@code [}; returns the index after its closing {@code ]}. */
  private static int readClass(String glob, int[] cs, int i, List<IntPredicate> terms) {
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
      int[] lo = classChar(glob, cs, i, ranges.isEmpty());
      int hi = lo[0];
      i = lo[1];
      if (cs[i] == '-') {
        if (i + 1 < cs.length && cs[i + 1] == ']') {
          throw bad(glob, "range " + escaped(lo[0]) + "- has no end (write \\- for a literal -)");
        }
        int[] h = classChar(glob, cs, i + 1, false);
        hi = h[0];
        i = h[1];
        if (hi < lo[0]) {
          throw bad(glob, "empty range " + escaped(lo[0]) + "-" + escaped(hi));
        }
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
  private static int[] classChar(String glob, int[] cs, int i, boolean first) {
    if (i >= cs.length) {
      throw bad(glob, "unterminated character class (missing ])");
    }
    if (cs[i] == ']' && first) {
      throw bad(glob, "empty character class []");
    }
    if (cs[i] == '-' || cs[i] == ']') {
      String c = Character.toString(cs[i]);
      throw bad(glob, "unescaped " + c + " in character class (write \\" + c + ")");
    }
    if (cs[i] == '\\') {
      i++;
    }
    if (i + 1 >= cs.length) {
      throw bad(glob, "unterminated character class (missing ])");
    }
    return new int[] {cs[i], i + 1};
  }

  private static boolean isBlank(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static IllegalArgumentException bad(String glob, String why) {
    StringBuilder quoted = new StringBuilder("\"");
    glob.codePoints().forEach(c -> quoted.append(c == '"' || c == '\\' ? "\\" : "").append(escaped(c)));
    return new IllegalArgumentException("invalid pattern " + quoted + "\": " + why);
  }

  /** {@code c} as it is, or as {@code \}{@code uXXXX} if it is invisible or breaks the line. */
  private static String escaped(int c) {
    if (c != ' ' && (Character.isISOControl(c) || isBlank(c))) {
      return String.format("\\u%04x", c);
    }
    return Character.toString(c);
  }
}
