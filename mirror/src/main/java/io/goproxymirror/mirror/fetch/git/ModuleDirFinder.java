package io.goproxymirror.mirror.fetch.git;

import io.goproxymirror.gomod.GoModFile;
import io.goproxymirror.gomod.ModulePath;
import io.goproxymirror.gomod.Semver;
import io.goproxymirror.mirror.protocol.ModuleLocation;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Finds the directory holding a module at a revision (PROTOCOL §3.2, the go command's
 * {@code findDir}): {@code codeDir/go.mod}, or for a {@code /vN} path the major-version
 * subdirectory {@code codeDir/vN/go.mod}, judged by the major suffix of their {@code module}
 * lines. Only a root v0/v1 module may lack a go.mod.
 */
final class ModuleDirFinder {
  private final GitCode code;
  private final ModuleLocation location;

  ModuleDirFinder(GitCode code, ModuleLocation location) {
    this.code = code;
    this.location = location;
  }

  /**
   * The module root for {@code version}.
   *
   * @throws DirNotFoundException with the go command's reason when the revision does not hold
   *     this module
   */
  ModuleRoot find(String version) throws IOException, DirNotFoundException {
    if (!Semver.isValid(version)) {
      throw new DirNotFoundException("syntax error");
    }
    String rev = location.revision(version);
    ObjectId commit;
    try {
      commit = code.stat(rev).commit();
    } catch (RevisionNotFoundException e) {
      throw new DirNotFoundException(
          "reading " + location.codeRoot() + "/" + goModIn(location.codeDir()) + " at revision "
              + rev + ": " + e.getMessage());
    }
    return find(version, rev, commit);
  }

  private ModuleRoot find(String version, String rev, ObjectId commit)
      throws IOException, DirNotFoundException {
    String codeDir = location.codeDir();
    String pathMajor = location.pathMajor();
    String file1 = goModIn(codeDir);
    Optional<byte[]> gomod1 = code.readFile(commit, file1);
    String mpath1 = gomod1.map(GoModFile::declaredModulePath).orElse("");
    boolean found1 = gomod1.isPresent() && location.acceptsModuleLine(mpath1);

    Optional<String> dir2 = location.majorSubdirectory();
    String suffix = "";
    if (dir2.isPresent()) {
      String file2 = goModIn(dir2.get());
      Optional<byte[]> gomod2 = code.readFile(commit, file2);
      String mpath2 = gomod2.map(GoModFile::declaredModulePath).orElse("");
      boolean found2 = gomod2.isPresent() && location.acceptsModuleLine(mpath2);
      if (found1 && found2) {
        throw new DirNotFoundException(location.pathPrefix() + "/" + file1 + " and ..."
            + pathMajor + "/go.mod both have ..." + pathMajor + " module paths at revision " + rev);
      }
      if (found2) {
        return new ModuleRoot(commit, dir2.get(), gomod2.get());
      }
      if (gomod2.isPresent()) {
        String where = location.codeRoot() + "/" + file2;
        throw new DirNotFoundException(mpath2.isEmpty()
            ? where + " is missing module path at revision " + rev
            : where + " has non-..." + pathMajor + " module path " + quote(mpath2)
                + " at revision " + rev);
      }
      suffix = " (and ..." + pathMajor + "/go.mod does not exist)";
    }
    if (found1) {
      return new ModuleRoot(commit, codeDir, gomod1.get());
    }
    if (gomod1.isPresent()) {
      String tail = suffix + " at revision " + rev;
      if (mpath1.isEmpty()) {
        throw new DirNotFoundException(file1 + " is missing module path" + tail);
      }
      if (!pathMajor.isEmpty()) {
        throw new DirNotFoundException(
            file1 + " has non-..." + pathMajor + " module path " + quote(mpath1) + tail);
      }
      if (ModulePath.split(mpath1).isEmpty()) {
        throw new DirNotFoundException(
            file1 + " has malformed module path " + quote(mpath1) + tail);
      }
      throw new DirNotFoundException(file1 + " has post-" + Semver.major(version)
          + " module path " + quote(mpath1) + tail);
    }
    if (codeDir.isEmpty() && (pathMajor.isEmpty() || pathMajor.startsWith("."))) {
      return new ModuleRoot(commit, "", null);
    }
    if (dir2.isPresent()) {
      throw new DirNotFoundException("missing " + location.pathPrefix() + "/go.mod and ..."
          + pathMajor + "/go.mod at revision " + rev);
    }
    throw new DirNotFoundException(
        "missing " + location.pathPrefix() + "/go.mod at revision " + rev);
  }

  private static String goModIn(String dir) {
    return ModuleLocation.join(dir, "go.mod");
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** The revision does not hold the module; the message is the go command's reason. */
  static final class DirNotFoundException extends Exception {
    DirNotFoundException(String reason) {
      super(reason, null, false, false);
    }
  }
}
