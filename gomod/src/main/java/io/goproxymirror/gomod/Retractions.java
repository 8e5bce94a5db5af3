package io.goproxymirror.gomod;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code retract} directives of a go.mod file, read the way the go command reads a
 * dependency's go.mod (lax parsing): malformed {@code retract} lines are skipped, and a file that
 * does not parse at all (lexical errors, a bad {@code go}, {@code module} or {@code require} line)
 * retracts nothing.
 */
public final class Retractions {
  /** Retracts nothing. */
  public static final Retractions NONE = new Retractions(List.of());

  private static final Pattern GO_VERSION = Pattern.compile("[1-9][0-9]*\\.(?:0|[1-9][0-9]*)");
  private static final Pattern LAX_GO_VERSION =
      Pattern.compile("v?[1-9][0-9]*\\.(?:0|[1-9][0-9]*)[^0-9].*", Pattern.DOTALL);

  private final List<VersionInterval> intervals;

  private Retractions(List<VersionInterval> intervals) {
    this.intervals = List.copyOf(intervals);
  }

  /** The retractions declared in {@code goMod}. */
  public static Retractions parse(byte[] goMod) {
    if (!laxParses(goMod)) {
      return NONE;
    }
    List<VersionInterval> found = new ArrayList<>();
    for (List<GoModToken> args : GoModFile.statements(goMod, "retract")) {
      interval(args).ifPresent(found::add);
    }
    return new Retractions(found);
  }

  /** Whether some interval contains {@code version}. */
  public boolean covers(String version) {
    return intervals.stream().anyMatch(i -> i.contains(version));
  }

  public List<VersionInterval> intervals() {
    return intervals;
  }

  /** {@code v}, or {@code [low, high]}, with nothing after it (a trailing token is tolerated). */
  private static Optional<VersionInterval> interval(List<GoModToken> args) {
    if (args.isEmpty()) {
      return Optional.empty();
    }
    if (!args.get(0).is("[")) {
      return version(args.get(0)).map(v -> new VersionInterval(v, v));
    }
    if (args.size() < 5 || !args.get(2).is(",") || !args.get(4).is("]")) {
      return Optional.empty();
    }
    Optional<String> low = version(args.get(1));
    Optional<String> high = version(args.get(3));
    if (low.isEmpty() || high.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new VersionInterval(low.get(), high.get()));
  }

  /** A version operand: a word without quotes or a {@code "quoted"} string, kept as written. */
  private static Optional<String> version(GoModToken token) {
    String text = token.text();
    if (token.kind() == GoModToken.Kind.PUNCTUATION) {
      return Optional.empty();
    }
    if (text.startsWith("\"")) {
      return GoStringLiteral.unquote(text);
    }
    if (text.indexOf('"') >= 0 || text.indexOf('\'') >= 0 || text.indexOf('`') >= 0) {
      return Optional.empty();
    }
    return Optional.of(text);
  }

  /** Whether lax parsing accepts the file: it lexes, and its go, module and require lines are sound. */
  private static boolean laxParses(byte[] goMod) {
    List<List<GoModToken>> go = GoModFile.statements(goMod, "go");
    if (go == null || go.size() > 1) {
      return false;
    }
    for (List<GoModToken> args : go) {
      String v = args.size() == 1 ? args.get(0).text() : "";
      if (!GO_VERSION.matcher(v).matches() && !LAX_GO_VERSION.matcher(v).matches()) {
        return false;
      }
    }
    List<List<GoModToken>> module = GoModFile.statements(goMod, "module");
    if (module.size() > 1
        || (module.size() == 1 && (module.get(0).size() != 1 || version(module.get(0).get(0))
            .isEmpty()))) {
      return false;
    }
    return GoModFile.statements(goMod, "require").stream().allMatch(Retractions::goodRequire);
  }

  private static boolean goodRequire(List<GoModToken> args) {
    if (args.size() != 2) {
      return false;
    }
    Optional<String> path = version(args.get(0));
    Optional<String> v = version(args.get(1)).map(Semver::canonical);
    if (path.isEmpty() || v.isEmpty() || v.get().isEmpty()) {
      return false;
    }
    Optional<PathMajor> split = ModulePath.split(path.get());
    return split.isPresent() && ModulePath.matchesMajor(v.get(), split.get().pathMajor());
  }
}
