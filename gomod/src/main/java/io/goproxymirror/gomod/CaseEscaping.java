package io.goproxymirror.gomod;

/**
 * The proxy's case encoding of module paths and versions: each upper-case ASCII letter is written
 * as {@code !} plus its lower-case form (PROTOCOL §1.1, §2.4).
 */
public final class CaseEscaping {
  private CaseEscaping() {}

  /** Escapes a module path; the path must be valid ({@link ModulePath#checkPath}). */
  public static String escapePath(String path) {
    ModulePath.checkPath(path);
    return escape(path);
  }

  /**
   * Escapes a version string, which need not be semver but must be an ASCII valid file-path element
   * without {@code !}.
   */
  public static String escapeVersion(String version) {
    if (version == null
        || PathGrammar.elementProblem(version, PathKind.FILE) != null
        || version.indexOf('!') >= 0
        || !version.chars().allMatch(c -> c < 0x80)) {
      throw new InvalidModuleException(
          "version " + Quoted.of(String.valueOf(version)) + " invalid: disallowed version string");
    }
    return escape(version);
  }

  /** Undoes {@link #escapePath}; the result must be a valid module path. */
  public static String unescapePath(String escaped) {
    String path = unescape(escaped);
    if (path == null) {
      throw new InvalidModuleException("invalid escaped module path " + Quoted.of(escaped));
    }
    String problem = invalidModulePath(path);
    if (problem != null) {
      throw new InvalidModuleException(
          "invalid escaped module path " + Quoted.of(escaped) + ": " + problem);
    }
    return path;
  }

  /** Undoes {@link #escapeVersion}; the result must be a non-empty valid file-path element. */
  public static String unescapeVersion(String escaped) {
    String version = unescape(escaped);
    if (version == null) {
      throw new InvalidModuleException("invalid escaped version " + Quoted.of(escaped));
    }
    String problem = PathGrammar.elementProblem(version, PathKind.FILE);
    if (problem != null) {
      throw new InvalidModuleException(
          "invalid escaped version " + Quoted.of(version) + ": " + problem);
    }
    return version;
  }

  /** Escapes upper-case ASCII letters in {@code s} without checking it. */
  public static String escape(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        if (out == null) {
          out = new StringBuilder(s.length() + 8).append(s, 0, i);
        }
        out.append('!').append((char) (c + ('a' - 'A')));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  /** The unescaped string, or null for non-ASCII, raw upper case, or a misplaced {@code !}. */
  private static String unescape(String escaped) {
    if (escaped == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(escaped.length());
    boolean bang = false;
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
        return null;
      }
      if (bang) {
        if (c < 'a' || c > 'z') {
          return null;
        }
        out.append((char) (c - ('a' - 'A')));
        bang = false;
      } else if (c == '!') {
        bang = true;
      } else {
        out.append(c);
      }
    }
    return bang ? null : out.toString();
  }

  private static String invalidModulePath(String path) {
    try {
      ModulePath.checkPath(path);
      return null;
    } catch (InvalidModuleException e) {
      return e.getMessage();
    }
  }
}
