package io.goproxymirror.mirror.modzip;

import io.goproxymirror.gomod.InvalidModuleException;
import io.goproxymirror.gomod.ModulePath;

/**
 * The name rules for the entries of one module zip (PROTOCOL §4.2, §4.3): the
 * {@code module@version/} prefix, clean valid file paths, no duplicates, no case-fold collisions
 * between files or between a file and an implied directory, and go.mod only at the root in lower
 * case. Keeps state across entries, so use one instance per zip.
 */
final class EntryNameChecker {
  private final String prefix;
  private final FoldCollisions collisions = new FoldCollisions();

  EntryNameChecker(String modulePath, String version) {
    this.prefix = modulePath + "@" + version + "/";
  }

  /**
   * Checks one entry name and returns its path relative to the module root, without a trailing
   * slash for directory entries ({@code ""} for the root directory entry).
   */
  String check(String entryName) throws InvalidModuleZipException {
    if (entryName.indexOf('\n') >= 0) {
      throw invalid(entryName, "file name contains a newline");
    }
    if (!entryName.startsWith(prefix)) {
      throw invalid(entryName, "path does not have prefix " + EntryNames.display(prefix));
    }
    String path = entryName.substring(prefix.length());
    if (path.isEmpty()) {
      return path;
    }
    boolean directory = path.endsWith("/");
    if (directory) {
      path = path.substring(0, path.length() - 1);
    }
    if (!isClean(path)) {
      throw invalid(entryName, "file path is not clean");
    }
    try {
      ModulePath.checkFilePath(path);
    } catch (InvalidModuleException e) {
      throw invalid(entryName, e.getMessage());
    }
    checkCollisions(entryName, path, directory);
    if (!directory) {
      checkGoMod(entryName, path);
    }
    return path;
  }

  private void checkCollisions(String entryName, String path, boolean directory)
      throws InvalidModuleZipException {
    String problem = collisions.add(path, directory);
    if (problem != null) {
      throw invalid(entryName, problem);
    }
  }

  private static void checkGoMod(String entryName, String path) throws InvalidModuleZipException {
    String base = path.substring(path.lastIndexOf('/') + 1);
    if (!CaseFold.key(base).equals("go.mod")) {
      return;
    }
    if (!base.equals(path)) {
      throw invalid(entryName, "go.mod file not in module root directory");
    }
    if (!path.equals("go.mod")) {
      throw invalid(entryName, "go.mod files must have lowercase names");
    }
  }

  /** Relative, without empty, {@code .} or {@code ..} elements. */
  private static boolean isClean(String path) {
    for (String element : path.split("/", -1)) {
      if (element.isEmpty() || element.equals(".") || element.equals("..")) {
        return false;
      }
    }
    return true;
  }

  private static InvalidModuleZipException invalid(String entryName, String reason) {
    return new InvalidModuleZipException(EntryNames.display(entryName) + ": " + reason);
  }
}
