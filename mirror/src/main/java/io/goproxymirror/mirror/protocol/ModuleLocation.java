package io.goproxymirror.mirror.protocol;

import io.goproxymirror.gomod.ModulePath;
import io.goproxymirror.gomod.PathMajor;
import io.goproxymirror.gomod.PseudoVersion;
import io.goproxymirror.gomod.Semver;
import io.goproxymirror.mirror.errors.NotFoundException;
import java.util.Optional;

/**
 * Where a module lives in its repository (PROTOCOL §3.2), and the version rules that follow from
 * its path alone.
 *
 * @param modulePath the module path ({@code github.com/acme/x/sub/v2})
 * @param codeRoot the import path of the repository root ({@code github.com/acme/x})
 * @param codeDir the module's directory in the repository without any {@code /vN} ({@code sub}),
 *     {@code ""} at the root
 * @param pathPrefix the module path without its major suffix (the whole path when it equals
 *     {@code codeRoot})
 * @param pathMajor {@code ""}, {@code /vN}, or for gopkg.in {@code .vN[-unstable]}
 */
public record ModuleLocation(
    String modulePath, String codeRoot, String codeDir, String pathPrefix, String pathMajor) {

  /** Places {@code modulePath} in the repository rooted at {@code codeRoot}. */
  public static ModuleLocation of(String codeRoot, String modulePath) {
    if (!hasPathPrefix(modulePath, codeRoot)) {
      throw new NotFoundException("mismatched repo: found " + codeRoot + " for " + modulePath);
    }
    Optional<PathMajor> split = ModulePath.split(modulePath);
    if (split.isEmpty()) {
      throw new NotFoundException("invalid module path \"" + modulePath + "\"");
    }
    String prefix = split.get().prefix();
    String pathMajor = split.get().pathMajor();
    if (codeRoot.equals(modulePath)) {
      return new ModuleLocation(modulePath, codeRoot, "", modulePath, pathMajor);
    }
    if (!hasPathPrefix(prefix, codeRoot)) {
      throw new NotFoundException(
          "repository rooted at " + codeRoot + " cannot contain module " + modulePath);
    }
    String codeDir = trimSlashes(prefix.substring(codeRoot.length()));
    return new ModuleLocation(modulePath, codeRoot, codeDir, prefix, pathMajor);
  }

  /** Tags of this module start with this: {@code codeDir + "/"}, or nothing at the root. */
  public String tagPrefix() {
    return codeDir.isEmpty() ? "" : codeDir + "/";
  }

  /** The major a pseudo-version without base starts with ({@code "v2"}); {@code ""} for v0/v1. */
  public String pseudoMajor() {
    return majorPrefix(pathMajor);
  }

  /** Whether {@code version} has a major this path accepts (PROTOCOL §2.2). */
  public boolean matchesMajor(String version) {
    return ModulePath.matchesMajor(version, pathMajor);
  }

  /**
   * The major-version subdirectory {@code codeDir/vN} that may hold the module instead of
   * {@code codeDir}, or empty when the path has no {@code /vN} suffix or is the repository root.
   */
  public Optional<String> majorSubdirectory() {
    if (pathMajor.isEmpty() || codeRoot.equals(modulePath) || pathMajor.startsWith(".")) {
      return Optional.empty();
    }
    return Optional.of(join(codeDir, pathMajor.substring(1)));
  }

  /**
   * The repository revision a version stands for: a pseudo-version's hash, a semantic version's
   * tag (prefix added, {@code +incompatible} dropped), anything else unchanged.
   */
  public String revision(String version) {
    if (!Semver.isValid(version)) {
      return version;
    }
    if (Semver.isPseudoVersion(version)) {
      return PseudoVersion.rev(version);
    }
    String v = version;
    if (Semver.build(v).equals("+incompatible")) {
      v = v.substring(0, v.length() - "+incompatible".length());
    }
    return tagPrefix() + v;
  }

  /**
   * Whether a go.mod declaring {@code declared} may hold this module: only the major suffixes are
   * compared, and an unsuffixed path also accepts v0/v1 gopkg.in paths (and, as an old go command
   * bug allowed, any gopkg.in path).
   */
  public boolean acceptsModuleLine(String declared) {
    if (pathMajor.isEmpty() && declared.startsWith("gopkg.in/")) {
      return true;
    }
    if (declared.isEmpty()) {
      return false;
    }
    Optional<PathMajor> split = ModulePath.split(declared);
    if (split.isEmpty()) {
      return false;
    }
    String declaredMajor = split.get().pathMajor();
    if (pathMajor.isEmpty()) {
      String prefix = majorPrefix(declaredMajor);
      return prefix.isEmpty() || prefix.equals("v0") || prefix.equals("v1");
    }
    if (declaredMajor.isEmpty()) {
      return false;
    }
    return pathMajor.substring(1).equals(declaredMajor.substring(1));
  }

  /** {@code "v2"} for {@code /v2}, {@code .v2} and {@code .v2-unstable}; {@code ""} for none. */
  private static String majorPrefix(String pathMajor) {
    if (pathMajor.isEmpty()) {
      return "";
    }
    String m = pathMajor;
    if (m.startsWith(".v") && m.endsWith("-unstable")) {
      m = m.substring(0, m.length() - "-unstable".length());
    }
    return m.substring(1);
  }

  /** {@code path.Join(dir, name)} for clean relative names. */
  public static String join(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  private static boolean hasPathPrefix(String s, String prefix) {
    if (!s.startsWith(prefix)) {
      return false;
    }
    if (s.length() == prefix.length()) {
      return true;
    }
    return prefix.endsWith("/") || s.charAt(prefix.length()) == '/';
  }

  private static String trimSlashes(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '/') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(start, end);
  }
}
