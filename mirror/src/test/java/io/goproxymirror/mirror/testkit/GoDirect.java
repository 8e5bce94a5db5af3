package io.goproxymirror.mirror.testkit;

import java.nio.file.Path;

/**
 * The real go command in direct mode against local bare repositories: a golden oracle for what a
 * proxy must serve. A private git config rewrites {@code https://} to
 * {@code file://<reposRoot>/}, so {@code github.com/acme/x} is read from the bare repository at
 * {@code <reposRoot>/github.com/acme/x}. Only hosts the go command knows without an HTTP lookup
 * (github.com) resolve offline.
 *
 * <p>Downloads accumulate in one module cache; {@link #downloadCacheDir()} is itself a GOPROXY
 * tree of everything downloaded so far. Give each instance its own work directory.
 */
public final class GoDirect {

  private final GoCommand go;
  private final Path reposRoot;
  private final Path emptyDir;

  public GoDirect(Path workDir, Path reposRoot) {
    this.reposRoot = reposRoot.toAbsolutePath().normalize();
    GoCommand base = GoCommand.in(workDir);
    GoCommand.write(base.gitConfig(), gitConfig(this.reposRoot));
    this.go = base.withGoproxy("direct");
    this.emptyDir = GoCommand.dir(go.workDir().resolve("cwd"));
  }

  /** Downloads module@version; fails the test (with stderr) if the go command fails. */
  public DownloadResult download(String module, String version) {
    return tryDownload(module, version).requireOk();
  }

  /** Downloads module@version; a go-level failure is reported in {@link DownloadResult#error()}. */
  public DownloadResult tryDownload(String module, String version) {
    return go.modDownload(emptyDir, module, version);
  }

  /** {@code <GOMODCACHE>/cache/download}: a GOPROXY tree of everything downloaded. */
  public Path downloadCacheDir() {
    return go.modCache().resolve("cache").resolve("download");
  }

  public Path reposRoot() {
    return reposRoot;
  }

  /** Where the bare repository for a repository path such as {@code github.com/acme/x} lives. */
  public Path repoDir(String repoPath) {
    return reposRoot.resolve(repoPath);
  }

  /** The underlying command, for other go invocations in the same environment. */
  public GoCommand command() {
    return go;
  }

  private static String gitConfig(Path reposRoot) {
    String base = "file://" + reposRoot + "/";
    String quoted = base.replace("\\", "\\\\").replace("\"", "\\\"");
    return "[url \"" + quoted + "\"]\n"
        + "\tinsteadOf = https://\n"
        + "[protocol \"file\"]\n"
        + "\tallow = always\n";
  }
}
