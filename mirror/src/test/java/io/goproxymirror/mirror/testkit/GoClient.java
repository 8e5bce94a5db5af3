package io.goproxymirror.mirror.testkit;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real go command as a client of a GOPROXY (any URL the go command accepts, e.g. a test
 * server's base URL or a comma/pipe separated list). Every call runs with a fresh, empty
 * GOMODCACHE and working directory, so nothing is served from a previous download. GOSUMDB=off,
 * GOFLAGS="-mod=mod -modcacherw". Give each instance its own work directory.
 */
public final class GoClient {

  private final GoCommand go;
  private final AtomicInteger runs = new AtomicInteger();

  public GoClient(Path workDir, String goproxy) {
    this.go = GoCommand.in(workDir).withGoproxy(goproxy);
  }

  /** Downloads module@version through the proxy; fails the test (with stderr) on failure. */
  public DownloadResult download(String module, String version) {
    return tryDownload(module, version).requireOk();
  }

  /** Downloads module@version; a go-level failure is reported in {@link DownloadResult#error()}. */
  public DownloadResult tryDownload(String module, String version) {
    int n = runs.incrementAndGet();
    return fresh(n).modDownload(cwd(n), module, version);
  }

  /** {@code go list -m -versions -json module}; fails the test (with stderr) on failure. */
  public ModuleVersions listVersions(String module) {
    return tryListVersions(module).requireOk();
  }

  /** {@code go list -m -versions -json -e module}; a failure is reported in the result. */
  public ModuleVersions tryListVersions(String module) {
    int n = runs.incrementAndGet();
    return fresh(n).listVersions(cwd(n), module);
  }

  /** The command with the proxy settings (its GOMODCACHE is shared; use withModCache to change). */
  public GoCommand command() {
    return go;
  }

  private GoCommand fresh(int n) {
    return go.withModCache(go.workDir().resolve("modcache-" + n));
  }

  private Path cwd(int n) {
    return GoCommand.dir(go.workDir().resolve("cwd-" + n));
  }
}
