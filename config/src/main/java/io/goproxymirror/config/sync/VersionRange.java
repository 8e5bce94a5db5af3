package io.goproxymirror.config.sync;

import io.goproxymirror.gomod.Semver;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A semantic-version range: comparators ({@code >=}, {@code >}, {@code <=}, {@code <}, {@code =})
 * each followed by a version, separated by commas or spaces, all of which must hold. Versions
 * compare by {@link Semver#compare} (build metadata such as {@code +incompatible} is ignored).
 */
final class VersionRange {

  private enum Op {
    GE(">="),
    GT(">"),
    LE("<="),
    LT("<"),
    EQ("=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    static Op of(String symbol) {
      for (Op op : values()) {
        if (op.symbol.equals(symbol)) {
          return op;
        }
      }
      throw new IllegalStateException(symbol);
    }

    boolean holds(int comparison) {
      return switch (this) {
        case GE -> comparison >= 0;
        case GT -> comparison > 0;
        case LE -> comparison <= 0;
        case LT -> comparison < 0;
        case EQ -> comparison == 0;
      };
    }
  }

  private record Comparator(Op op, String version) {
    @Override
    public String toString() {
      return op.symbol + " " + version;
    }
  }

  private static final Pattern TERM = Pattern.compile("[\\s,]*(>=|<=|>|<|=)?\\s*([^\\s,<>=]*)");

  private final List<Comparator> comparators;

  private VersionRange(List<Comparator> comparators) {
    this.comparators = comparators;
  }

  /** Whether {@code text} starts like a range (with a comparison operator). */
  static boolean looksLikeRange(String text) {
    return !text.isEmpty() && "<>=".indexOf(text.charAt(0)) >= 0;
  }

  /**
   * @throws IllegalArgumentException with a one-line reason
   */
  static VersionRange parse(String text) {
    List<Comparator> comparators = new ArrayList<>();
    Matcher m = TERM.matcher(text);
    int pos = 0;
    while (pos < text.length()) {
      m.region(pos, text.length());
      if (!m.lookingAt() || m.end() == pos) {
        throw new IllegalArgumentException("cannot read range \"" + text + "\" at \"" + text.substring(pos) + "\"");
      }
      pos = m.end();
      String op = m.group(1);
      String version = m.group(2);
      if (op == null && version.isEmpty()) {
        continue;
      }
      if (op == null) {
        throw new IllegalArgumentException(
            "range \""
                + text
                + "\": \""
                + version
                + "\" has no comparison operator (write \">= "
                + version
                + "\" or \"= "
                + version
                + "\")");
      }
      if (version.isEmpty()) {
        throw new IllegalArgumentException("range \"" + text + "\": " + op + " is not followed by a version");
      }
      if (!Semver.isValid(version)) {
        throw new IllegalArgumentException(
            "range \"" + text + "\": \"" + version + "\" is not a semantic version such as v1.7.0");
      }
      comparators.add(new Comparator(Op.of(op), version));
    }
    if (comparators.isEmpty()) {
      throw new IllegalArgumentException("empty range");
    }
    return new VersionRange(List.copyOf(comparators));
  }

  /** Whether every comparator holds for the valid semantic version {@code version}. */
  boolean contains(String version) {
    for (Comparator c : comparators) {
      if (!c.op().holds(Semver.compare(version, c.version()))) {
        return false;
      }
    }
    return true;
  }

  /** The comparators, comma-separated, each as {@code op version}. */
  @Override
  public String toString() {
    return comparators.stream().map(Comparator::toString).collect(Collectors.joining(", "));
  }
}
