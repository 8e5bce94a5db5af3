package io.goproxymirror.mirror.fetch.git;

import io.goproxymirror.gomod.GoModFile;
import io.goproxymirror.gomod.InvalidModuleException;
import io.goproxymirror.gomod.ModulePath;
import io.goproxymirror.gomod.Semver;
import io.goproxymirror.mirror.modzip.CheckoutContent;
import io.goproxymirror.mirror.modzip.CheckoutConversion;
import io.goproxymirror.mirror.modzip.InvalidModuleZipException;
import io.goproxymirror.mirror.modzip.ModuleFileSelection;
import io.goproxymirror.mirror.modzip.ModuleZipLimits;
import io.goproxymirror.mirror.modzip.ModuleZipWriter;
import io.goproxymirror.mirror.modzip.SourceFile;
import io.goproxymirror.mirror.modzip.ZipSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Builds a module zip straight from a commit, byte for byte what the go command produces from
 * {@code git archive} of the same commit (PROTOCOL §4): the same conversions from
 * {@code .gitattributes}, the same file rules, the root LICENSE copy for subdirectory modules.
 */
public final class GitModuleZip {

  private GitModuleZip() {}

  /**
   * Writes the module zip of module@version built from `commit` of `repo`; `moduleDir` is the
   * module root inside the repository ("" for the root, e.g. "sub" or "c/v2").
   *
   * <p>Blobs are streamed, never held in memory. On failure {@code target} is deleted.
   *
   * @param module the unescaped module path, used in entry names
   * @param version the canonical version
   * @param target created or overwritten
   * @return the summary (h1, sizes, entry count) of the written zip
   * @throws InvalidModuleZipException when the go command could not build this version (invalid
   *     or colliding file names, size limits, a {@code git archive} failure); the message is one
   *     line
   * @throws IOException when reading the repository or writing {@code target} fails
   */
  public static ZipSummary write(Repository repo, ObjectId commit, String moduleDir,
      String module, String version, Path target) throws IOException, InvalidModuleZipException {
    checkModuleVersion(module, version);
    String dir = trimSlashes(moduleDir);
    try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
      RevTree tree = walk.parseCommit(commit).getTree();
      List<ModuleTreeFile> files = new ArrayList<>(ModuleTreeScan.scan(reader, tree, dir));
      if (!dir.isEmpty() && files.stream().noneMatch(f -> f.path().equals("LICENSE"))) {
        rootLicense(reader, tree).ifPresent(files::add);
      }
      boolean newRules = ModuleFileSelection.usesNewVendorRules(goVersion(reader, files));
      List<ModuleTreeFile> kept =
          ModuleFileSelection.select(files, ModuleTreeFile::file, newRules);
      return writeZip(reader, kept, module, version, target);
    } catch (IOException | InvalidModuleZipException | RuntimeException e) {
      Files.deleteIfExists(target);
      throw e;
    }
  }

  private static ZipSummary writeZip(ObjectReader reader, List<ModuleTreeFile> files,
      String module, String version, Path target) throws IOException, InvalidModuleZipException {
    try (ModuleZipWriter zip = ModuleZipWriter.create(target, module, version)) {
      for (ModuleTreeFile file : files) {
        zip.add(file.path(), GitBlobSource.of(reader, file.blob()), file.conversion());
      }
      return zip.finish();
    }
  }

  /** The repository root's LICENSE as raw blob bytes (git cat-file; a symlink gives its target). */
  private static Optional<ModuleTreeFile> rootLicense(ObjectReader reader, RevTree tree)
      throws IOException {
    try (TreeWalk walk = TreeWalk.forPath(reader, "LICENSE", tree)) {
      if (walk == null) {
        return Optional.empty();
      }
      FileMode mode = walk.getFileMode(0);
      if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE
          && mode != FileMode.SYMLINK) {
        return Optional.empty();
      }
      return Optional.of(new ModuleTreeFile(SourceFile.regular("LICENSE"), walk.getObjectId(0),
          CheckoutConversion.NONE));
    }
  }

  /** The go version of the root go.mod as the zip will hold it (after conversion). */
  private static Optional<String> goVersion(ObjectReader reader, List<ModuleTreeFile> files)
      throws IOException, InvalidModuleZipException {
    for (ModuleTreeFile file : files) {
      if (file.path().equals("go.mod") && !file.file().symlink()) {
        BoundedBuffer goMod = new BoundedBuffer(ModuleZipLimits.MAX_GO_MOD);
        try {
          CheckoutContent.write(GitBlobSource.of(reader, file.blob()), file.conversion(), goMod);
        } catch (BoundedBuffer.FullException e) {
          throw new InvalidModuleZipException("create zip: \"go.mod\": go.mod file too large (max"
              + " size is " + ModuleZipLimits.MAX_GO_MOD + " bytes)");
        }
        return GoModFile.goVersion(goMod.toByteArray());
      }
    }
    return Optional.empty();
  }

  private static void checkModuleVersion(String module, String version)
      throws InvalidModuleZipException {
    if (!Semver.isCanonical(version)) {
      throw new InvalidModuleZipException("create zip: version " + version
          + " is not canonical");
    }
    try {
      ModulePath.check(module, version);
    } catch (InvalidModuleException e) {
      throw new InvalidModuleZipException("create zip: " + e.getMessage());
    }
  }

  private static String trimSlashes(String dir) {
    int start = 0;
    int end = dir.length();
    while (start < end && dir.charAt(start) == '/') {
      start++;
    }
    while (end > start && dir.charAt(end - 1) == '/') {
      end--;
    }
    return dir.substring(start, end);
  }

  /** Collects at most {@code max} bytes; more is a {@link FullException}. */
  private static final class BoundedBuffer extends ByteArrayOutputStream {
    private final long max;

    BoundedBuffer(long max) {
      this.max = max;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      if (len > max - count) {
        throw new FullException();
      }
      super.write(b, off, len);
    }

    @Override
    public synchronized void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    /** More than the maximum was written. */
    static final class FullException extends RuntimeException {}
  }
}
