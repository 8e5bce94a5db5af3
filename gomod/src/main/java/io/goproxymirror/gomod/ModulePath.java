package io.goproxymirror.gomod;

import java.util.Optional;

/** Validation of module, import and file paths and of module path/version pairs (PROTOCOL §2). */
public final class ModulePath {
  private static final String GOPKG_IN = "gopkg.in/";
  private static final String UNSTABLE = "-unstable";

  private ModulePath() {}

  /** Checks a module path: an import path with host, major-suffix and leading-dot rules. */
  public static void checkPath(String path) {
    String problem = modulePathProblem(path);
    if (problem != null) {
      throw malformed(PathKind.MODULE, path, problem);
    }
  }

  /** Checks a package import path. */
  public static void checkImportPath(String path) {
    check(path, PathKind.IMPORT);
  }

  /** Checks a slash-separated file path inside a module (zip entry names without the prefix). */
  public static void checkFilePath(String path) {
    check(path, PathKind.FILE);
  }

  /**
   * Splits off the major-version suffix. Empty when the path ends in a malformed suffix
   * ({@code /v0}, {@code /v1}, {@code /v01}, {@code /v2.1}, or a gopkg.in path without
   * {@code .vN}).
   */
  public static Optional<PathMajor> split(String path) {
    if (path.startsWith(GOPKG_IN)) {
      return splitGopkgIn(path);
    }
    int i = path.length();
    boolean dot = false;
    while (i > 0 && (isDigit(path.charAt(i - 1)) || path.charAt(i - 1) == '.')) {
      dot |= path.charAt(i - 1) == '.';
      i--;
    }
    if (i <= 1 || i == path.length() || path.charAt(i - 1) != 'v' || path.charAt(i - 2) != '/') {
      return Optional.of(new PathMajor(path, ""));
    }
    String pathMajor = path.substring(i - 2);
    if (dot || pathMajor.charAt(2) == '0' || pathMajor.equals("/v1")) {
      return Optional.empty();
    }
    return Optional.of(new PathMajor(path.substring(0, i - 2), pathMajor));
  }

  /**
   * Whether {@code version} may be used with a path whose suffix is {@code pathMajor}: v0/v1 or
   * {@code +incompatible} for no suffix, the same major otherwise ({@code -unstable} ignored), and
   * historical {@code v0.0.0-} pseudo-versions for gopkg.in {@code .v1} paths.
   */
  public static boolean matchesMajor(String version, String pathMajor) {
    return majorMismatch(version, pathMajor) == null;
  }

  /** Checks that the path is valid, the version is valid semver, and their majors agree. */
  public static void check(String path, String version) {
    checkPath(path);
    if (!Semver.isValid(version)) {
      throw new InvalidModuleException(
          path + "@" + Quoted.bare(version) + ": invalid version: not a semantic version");
    }
    String pathMajor = split(path).map(PathMajor::pathMajor).orElse("");
    String mismatch = majorMismatch(version, pathMajor);
    if (mismatch != null) {
      throw new InvalidModuleException(
          path + "@" + Quoted.bare(version) + ": invalid version: " + mismatch);
    }
  }

  private static String modulePathProblem(String path) {
    String problem = PathGrammar.problem(path, PathKind.MODULE);
    if (problem != null) {
      return problem;
    }
    int slash = path.indexOf('/');
    String host = slash < 0 ? path : path.substring(0, slash);
    if (host.isEmpty()) {
      return "leading slash";
    }
    if (host.indexOf('.') < 0) {
      return "missing dot in first path element";
    }
    if (host.charAt(0) == '-') {
      return "leading dash in first path element";
    }
    for (int i = 0; i < host.length(); i++) {
      if (!PathGrammar.allowedInHost(host.charAt(i))) {
        return "invalid char " + Quoted.ofChar(host.charAt(i)) + " in first path element";
      }
    }
    if (split(path).isEmpty()) {
      return "invalid version";
    }
    return null;
  }

  private static String majorMismatch(String version, String pathMajor) {
    String wanted = pathMajor;
    if (wanted.startsWith(".v") && wanted.endsWith(UNSTABLE)) {
      wanted = wanted.substring(0, wanted.length() - UNSTABLE.length());
    }
    if (version.startsWith("v0.0.0-") && wanted.equals(".v1")) {
      return null;
    }
    String major = Semver.major(version);
    if (wanted.isEmpty()) {
      if (major.equals("v0") || major.equals("v1")
          || Semver.build(version).equals("+incompatible")) {
        return null;
      }
      wanted = "v0 or v1";
    } else if (wanted.charAt(0) == '/' || wanted.charAt(0) == '.') {
      if (major.equals(wanted.substring(1))) {
        return null;
      }
      wanted = wanted.substring(1);
    }
    return "should be " + wanted + ", not " + major;
  }

  private static Optional<PathMajor> splitGopkgIn(String path) {
    int i = path.length();
    if (path.endsWith(UNSTABLE)) {
      i -= UNSTABLE.length();
    }
    while (i > 0 && isDigit(path.charAt(i - 1))) {
      i--;
    }
    if (i <= 1 || path.charAt(i - 1) != 'v' || path.charAt(i - 2) != '.') {
      return Optional.empty();
    }
    String pathMajor = path.substring(i - 2);
    if (pathMajor.length() <= 2 || (pathMajor.charAt(2) == '0' && !pathMajor.equals(".v0"))) {
      return Optional.empty();
    }
    return Optional.of(new PathMajor(path.substring(0, i - 2), pathMajor));
  }

  private static void check(String path, PathKind kind) {
    String problem = PathGrammar.problem(path, kind);
    if (problem != null) {
      throw malformed(kind, path, problem);
    }
  }

  private static InvalidModuleException malformed(PathKind kind, String path, String problem) {
    return new InvalidModuleException(
        "malformed " + kind.noun() + " path " + Quoted.of(path) + ": " + problem);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
