package io.goproxymirror.mirror.fetch.git;

import io.goproxymirror.gomod.GoModFile;
import io.goproxymirror.gomod.Retractions;
import io.goproxymirror.gomod.Semver;
import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.protocol.ModuleLocation;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * One module of a Git repository, answered as the go command answers in direct mode (PROTOCOL
 * §3): the version list, the resolution of queries to canonical versions or pseudo-versions,
 * {@code @latest}, go.mod bytes, and the commit and directory a zip is built from.
 *
 * <p>Every answer comes from the refs as they were at the first call, so one instance gives
 * consistent answers. Blocking (JGit I/O) and not thread-safe: use one instance per job on a
 * worker thread. Versions and revisions that do not exist or are not valid for the module throw
 * {@link NotFoundException} with the go command's reason.
 */
public final class ModuleRepo {
  private final Repository repo;
  private final String repoUrl;
  private final ModuleLocation location;
  private GitCode code;
  private ModuleDirFinder finder;
  private VersionLister lister;
  private RevisionConverter converter;
  private Retractions retractions;
  private List<String> versions;

  /**
   * @param repo a local bare repository whose {@code refs/heads/*}, {@code refs/tags/*} and
   *     {@code HEAD} mirror the remote
   * @param repoUrl the repository URL for {@code Origin.URL} ({@code https://github.com/acme/x})
   * @param codeRoot the import path of the repository root ({@code github.com/acme/x})
   * @param modulePath the module ({@code github.com/acme/x/sub/v2})
   * @throws NotFoundException if the module path is invalid or not inside {@code codeRoot}
   */
  public ModuleRepo(Repository repo, String repoUrl, String codeRoot, String modulePath) {
    this.repo = Objects.requireNonNull(repo, "repo");
    this.repoUrl = Objects.requireNonNull(repoUrl, "repoUrl");
    this.location = ModuleLocation.of(codeRoot, modulePath);
  }

  public String modulePath() {
    return location.modulePath();
  }

  /** The {@code @v/list} versions, semver-sorted, {@code +incompatible} ones last. */
  public List<String> versions() throws IOException {
    if (versions == null) {
      versions = List.copyOf(lister().versions());
    }
    return versions;
  }

  /**
   * Resolves a query: a canonical version (also {@code vN.x.y} on an unsuffixed path, answered as
   * {@code +incompatible}), a pseudo-version, a tag, a branch, {@code HEAD}, or a lower-case hash
   * prefix of at least 7 digits.
   */
  public RevInfo stat(String query) throws IOException {
    if (query.equals("latest")) {
      return head();
    }
    GitRevision info;
    try {
      info = code().stat(location.revision(query));
    } catch (RevisionNotFoundException e) {
      throw VersionErrors.invalid(location.modulePath(), query, e.getMessage());
    }
    return converter().convert(info, query);
  }

  /** What {@code go list -m mod@latest} resolves to in direct mode. */
  public RevInfo latest() throws IOException {
    return new LatestSelector(this).latest();
  }

  /**
   * The raw go.mod bytes of a canonical version (PROTOCOL §1.4), or {@code module <path>\n} when
   * the version has none.
   */
  public byte[] goMod(String version) throws IOException {
    requireVersion(version);
    return rawGoMod(version);
  }

  /** The commit and module directory a canonical version's zip is built from. */
  public ZipSource zipSource(String version) throws IOException {
    requireVersion(version);
    ModuleRoot root = root(version);
    return new ZipSource(root.commit(), root.dir());
  }

  /**
   * The version of the HEAD commit (the go command's {@code Latest} of the code repository), with
   * {@code Origin.Ref} {@code HEAD}.
   */
  RevInfo head() throws IOException {
    ObjectId head = code().refs().get(Constants.HEAD);
    if (head == null) {
      throw new NotFoundException("module " + location.modulePath() + ": no commits");
    }
    try {
      RevInfo info = converter().convert(code().stat(head.name()), "");
      Origin o = info.origin();
      return new RevInfo(info.version(), info.time(),
          new Origin(o.vcs(), o.url(), o.subdir(), Constants.HEAD, o.hash()));
    } catch (RevisionNotFoundException e) {
      throw new NotFoundException("module " + location.modulePath() + ": " + e.getMessage());
    }
  }

  /** The go.mod bytes for a version as the go command's code repository reads them. */
  byte[] rawGoMod(String version) throws IOException {
    if (!version.equals(Semver.canonical(version))) {
      throw new NotFoundException("version " + version + " is not canonical");
    }
    if (Semver.isPseudoVersion(version)) {
      stat(version);
    }
    byte[] goMod = root(version).goMod();
    return goMod != null ? goMod : GoModFile.synthesized(location.modulePath());
  }

  private void requireVersion(String version) throws IOException {
    if (!Semver.isCanonical(version)) {
      throw VersionErrors.invalid(location.modulePath(), version, "not a canonical version");
    }
    String resolved = stat(version).version();
    if (!resolved.equals(version)) {
      throw VersionErrors.invalid(location.modulePath(), version, "resolves to " + resolved);
    }
  }

  private ModuleRoot root(String version) throws IOException {
    try {
      return finder().find(version);
    } catch (ModuleDirFinder.DirNotFoundException e) {
      throw VersionErrors.invalid(location.modulePath(), version, e.getMessage());
    }
  }

  private GitCode code() throws IOException {
    if (code == null) {
      code = new GitCode(repo, GitRefs.read(repo));
    }
    return code;
  }

  private ModuleDirFinder finder() throws IOException {
    if (finder == null) {
      finder = new ModuleDirFinder(code(), location);
    }
    return finder;
  }

  private VersionLister lister() throws IOException {
    if (lister == null) {
      lister = new VersionLister(code(), location);
    }
    return lister;
  }

  private RevisionConverter converter() throws IOException {
    if (converter == null) {
      converter = new RevisionConverter(code(), location, finder(), repoUrl, this::retractions);
    }
    return converter;
  }

  private Retractions retractions() {
    if (retractions == null) {
      try {
        retractions = ListedRetractions.load(lister(), finder());
      } catch (IOException e) {
        retractions = Retractions.NONE;
      }
    }
    return retractions;
  }
}
