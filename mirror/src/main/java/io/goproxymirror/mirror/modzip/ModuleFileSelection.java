package io.goproxymirror.mirror.modzip;

import io.goproxymirror.gomod.InvalidModuleException;
import io.goproxymirror.gomod.ModulePath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which files of a module's directory go into its zip, following x/mod's {@code zip.Create}
 * (PROTOCOL §4.2): vendored packages, nested modules and a root {@code .hg_archival.txt} are left
 * out, then every other path must be valid, free of case-fold collisions and not spell
 * {@code go.mod} in another case; symbolic links pass those checks and are then left out. Any
 * invalid path fails the whole module.
 */
public final class ModuleFileSelection {
  private static final Pattern MAJOR_MINOR = Pattern.compile("([0-9]+)\\.([0-9]+).*");

  private ModuleFileSelection() {}

  /**
   * The files to write, in the given order.
   *
   * @param files every file of the module directory in archive order, plus the root LICENSE copy
   *     when one is appended
   * @param view how to see an element as a {@link SourceFile}
   * @param newVendorRules whether the go ≥ 1.24 vendor rules apply ({@link #usesNewVendorRules})
   * @throws InvalidModuleZipException naming the first invalid path
   */
  public static <T> List<T> select(List<T> files, Function<? super T, SourceFile> view,
      boolean newVendorRules) throws InvalidModuleZipException {
    Set<String> moduleDirs = new HashSet<>();
    for (T element : files) {
      SourceFile file = view.apply(element);
      String path = file.path();
      int slash = path.lastIndexOf('/');
      if (!file.symlink() && CaseFold.key(path.substring(slash + 1)).equals("go.mod")) {
        moduleDirs.add(path.substring(0, slash + 1));
      }
    }
    FoldCollisions collisions = new FoldCollisions();
    List<T> kept = new ArrayList<>();
    for (T element : files) {
      SourceFile file = view.apply(element);
      String path = file.path();
      if (!isClean(path)) {
        throw invalid(path, path.startsWith("/") ? "file path is not relative"
            : "file path is not clean");
      }
      if (isVendored(path, newVendorRules) || inNestedModule(path, moduleDirs)
          || path.equals(".hg_archival.txt")) {
        continue;
      }
      checkName(file);
      String collision = collisions.addFile(path);
      if (collision != null) {
        throw invalid(path, collision);
      }
      if (!file.symlink()) {
        kept.add(element);
      }
    }
    return kept;
  }

  /**
   * Whether x/mod leaves {@code path} out as part of a vendored package. Before go 1.24 the check
   * for a nested {@code /vendor/} starts at byte 8 of the whole path (golang/go#37397), which
   * leaves out every file below any {@code x/vendor/}; from go 1.24 only files below a directory
   * inside a vendor directory, and {@code vendor/modules.txt}, are left out.
   */
  public static boolean isVendored(String path, boolean newVendorRules) {
    if (newVendorRules && path.equals("vendor/modules.txt")) {
      return true;
    }
    int from;
    if (path.startsWith("vendor/")) {
      from = "vendor/".length();
    } else {
      int nested = path.indexOf("/vendor/");
      if (nested < 0) {
        return false;
      }
      from = newVendorRules ? nested + "/vendor/".length() : "/vendor/".length();
    }
    return path.indexOf('/', from) >= 0;
  }

  /**
   * Whether a root go.mod's {@code go} version (as {@code GoModFile.goVersion} reads it) selects
   * the go ≥ 1.24 vendor rules; a missing version means the old rules.
   */
  public static boolean usesNewVendorRules(Optional<String> goVersion) {
    if (goVersion.isEmpty()) {
      return false;
    }
    Matcher m = MAJOR_MINOR.matcher(goVersion.get());
    if (!m.matches()) {
      return false;
    }
    String major = m.group(1);
    String minor = m.group(2);
    if (!major.equals("1")) {
      return major.length() > 1 || major.charAt(0) > '1';
    }
    return minor.length() > 2 || Integer.parseInt(minor) >= 24;
  }

  private static boolean inNestedModule(String path, Set<String> moduleDirs) {
    for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      if (moduleDirs.contains(path.substring(0, slash + 1))) {
        return true;
      }
    }
    return false;
  }

  private static void checkName(SourceFile file) throws InvalidModuleZipException {
    String path = file.path();
    if (!file.validUtf8()) {
      throw invalid(path, "malformed file path: invalid UTF-8");
    }
    try {
      ModulePath.checkFilePath(path);
    } catch (InvalidModuleException e) {
      throw invalid(path, e.getMessage());
    }
    if (path.length() == 6 && !path.equals("go.mod") && isAsciiGoMod(path)) {
      throw invalid(path, "go.mod files must have lowercase names");
    }
  }

  private static boolean isAsciiGoMod(String path) {
    StringBuilder lower = new StringBuilder(path.length());
    for (char c : path.toCharArray()) {
      lower.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    return lower.toString().equals("go.mod");
  }

  /** path.Clean(p) == p for a non-empty path: no empty, "." or ".." elements. */
  private static boolean isClean(String path) {
    String relative = path.startsWith("/") && path.length() > 1 ? path.substring(1) : path;
    for (String element : relative.split("/", -1)) {
      if (element.isEmpty() || element.equals(".") || element.equals("..")) {
        return false;
      }
    }
    return !path.startsWith("/");
  }

  private static InvalidModuleZipException invalid(String path, String reason) {
    return new InvalidModuleZipException("create zip: " + EntryNames.display(path) + ": "
        + reason);
  }
}
