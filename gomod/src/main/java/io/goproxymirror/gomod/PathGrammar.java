package io.goproxymirror.gomod;

import java.util.Locale;
import java.util.Set;

/**
 * The element grammar shared by module, import and file paths (PROTOCOL §2.1). Each check returns
 * the reason a path is malformed, or {@code null} when it is well formed.
 */
final class PathGrammar {
  private static final Set<String> WINDOWS_RESERVED = Set.of(
      "CON", "PRN", "AUX", "NUL",
      "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
      "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

  /** ASCII punctuation allowed in file names besides letters and digits. */
  private static final String FILE_PUNCTUATION = "!#$%&()+,-.=@[]^_{}~ ";

  private PathGrammar() {}

  /** Why {@code path} is not a well-formed path of the given kind, or null if it is. */
  static String problem(String path, PathKind kind) {
    if (hasUnpairedSurrogate(path)) {
      return "invalid UTF-8";
    }
    if (path.isEmpty()) {
      return "empty string";
    }
    if (path.charAt(0) == '-' && kind != PathKind.FILE) {
      return "leading dash";
    }
    if (path.contains("//")) {
      return "double slash";
    }
    if (path.charAt(path.length() - 1) == '/') {
      return "trailing slash";
    }
    int start = 0;
    while (true) {
      int slash = path.indexOf('/', start);
      String elem = slash < 0 ? path.substring(start) : path.substring(start, slash);
      String problem = elementProblem(elem, kind);
      if (problem != null || slash < 0) {
        return problem;
      }
      start = slash + 1;
    }
  }

  /** Why {@code elem} is not a well-formed single path element of the given kind, or null. */
  static String elementProblem(String elem, PathKind kind) {
    if (elem.isEmpty()) {
      return "empty path element";
    }
    if (elem.chars().allMatch(c -> c == '.')) {
      return "invalid path element " + Quoted.of(elem);
    }
    if (elem.charAt(0) == '.' && kind == PathKind.MODULE) {
      return "leading dot in path element";
    }
    if (elem.charAt(elem.length() - 1) == '.') {
      return "trailing dot in path element";
    }
    for (int i = 0; i < elem.length(); ) {
      int cp = elem.codePointAt(i);
      i += Character.charCount(cp);
      if (!allowed(cp, kind)) {
        return "invalid char " + Quoted.ofChar(cp);
      }
    }
    int dot = elem.indexOf('.');
    String shortName = dot < 0 ? elem : elem.substring(0, dot);
    if (WINDOWS_RESERVED.contains(shortName.toUpperCase(Locale.ROOT))) {
      return Quoted.of(shortName) + " disallowed as path element component on Windows";
    }
    if (kind != PathKind.FILE && looksLikeWindowsShortName(shortName)) {
      return "trailing tilde and digits in path element";
    }
    return null;
  }

  /** Characters allowed in the first element (the host) of a module path. */
  static boolean allowedInHost(char c) {
    return c == '-' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
  }

  private static boolean allowed(int cp, PathKind kind) {
    boolean asciiAlnum = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')
        || (cp >= '0' && cp <= '9');
    return switch (kind) {
      case MODULE -> asciiAlnum || cp == '-' || cp == '.' || cp == '_' || cp == '~';
      case IMPORT -> asciiAlnum || cp == '-' || cp == '.' || cp == '_' || cp == '~' || cp == '+';
      case FILE -> cp < 0x80
          ? asciiAlnum || FILE_PUNCTUATION.indexOf(cp) >= 0
          : Character.isLetter(cp);
    };
  }

  /** {@code EXAMPL~1}: a tilde followed by one or more ASCII digits at the end. */
  private static boolean looksLikeWindowsShortName(String shortName) {
    int tilde = shortName.lastIndexOf('~');
    if (tilde < 0 || tilde == shortName.length() - 1) {
      return false;
    }
    for (int i = tilde + 1; i < shortName.length(); i++) {
      char c = shortName.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean hasUnpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return true;
      }
      if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
