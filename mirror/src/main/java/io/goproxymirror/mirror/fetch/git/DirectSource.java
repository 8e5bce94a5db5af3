package io.goproxymirror.mirror.fetch.git;

import io.goproxymirror.gomod.PathPatterns;
import io.goproxymirror.mirror.errors.MirrorException;
import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import io.goproxymirror.mirror.fetch.git.locate.Location;
import io.goproxymirror.mirror.fetch.git.locate.RepoLocator;
import io.goproxymirror.mirror.fetch.git.transport.BareRepositories;
import io.goproxymirror.mirror.fetch.git.transport.DeadlineMonitor;
import io.goproxymirror.mirror.fetch.git.transport.GitAuth;
import io.goproxymirror.mirror.fetch.git.transport.GitTimeouts;
import io.goproxymirror.mirror.fetch.git.transport.RedactedUrl;
import io.goproxymirror.mirror.fetch.git.transport.SyncedRepository;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.modzip.InvalidModuleZipException;
import io.goproxymirror.mirror.modzip.ZipSummary;
import io.reactivex.rxjava3.core.Single;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Direct mode: answers every protocol endpoint by building it from the module's Git repository,
 * as the go command does with {@code GOPROXY=direct}. Each call locates the repository, brings its
 * persistent bare copy up to date, and reads the module from it, all on the bounded Git worker
 * pool under the total Git timeout.
 */
public final class DirectSource {
  private static final Logger LOG = LoggerFactory.getLogger(DirectSource.class);
  /** The name under which direct mode appears in metrics and messages. */
  public static final String NAME = "direct";

  private final RepoLocator locator;
  private final PathPatterns privateModules;
  private final GitAuth auth;
  private final BareRepositories repos;
  private final GitWorkers workers;
  private final GitTimeouts timeouts;
  private final MirrorMetrics metrics;

  /**
   * Where modules' repositories are and how they are reached.
   *
   * @param locator finds a module's repository
   * @param privateModules modules that may use a repository with configured credentials even when
   *     its location came from go-import discovery
   * @param auth the configured credentials
   * @param repos the persistent bare copies
   */
  public record Repos(RepoLocator locator, PathPatterns privateModules, GitAuth auth, BareRepositories repos) {}

  /** Builds from {@code repos} on {@code workers}, each call within {@code timeouts}. */
  public DirectSource(Repos repos, GitWorkers workers, GitTimeouts timeouts, MirrorMetrics metrics) {
    this.locator = repos.locator();
    this.privateModules = repos.privateModules();
    this.auth = repos.auth();
    this.repos = repos.repos();
    this.workers = workers;
    this.timeouts = timeouts;
    this.metrics = metrics;
  }

  /** {@code @v/list}: canonical tagged versions, one per line. */
  public Single<byte[]> list(String module) {
    return run(module, "list", (repo, git) -> lines(repo.versions()));
  }

  /** {@code .info} of a canonical version or of a query (branch, tag, hash, pseudo-version). */
  public Single<byte[]> info(String module, String query) {
    return run(module, "info", (repo, git) -> repo.stat(query).json());
  }

  /** {@code @latest}. */
  public Single<byte[]> latest(String module) {
    return run(module, "latest", (repo, git) -> repo.latest().json());
  }

  /** {@code .mod}: the raw go.mod blob, or {@code module <path>\n} when there is none. */
  public Single<byte[]> mod(String module, String version) {
    return run(module, "mod", (repo, git) -> repo.goMod(version));
  }

  /** Builds the module zip into {@code target}; completes with its size. */
  public Single<Long> zip(String module, String version, Path target) {
    return run(module, "zip", (repo, git) -> {
      ZipSource source = repo.zipSource(version);
      long start = System.nanoTime();
      try {
        ZipSummary summary = GitModuleZip.write(
            git, source.commit(), source.moduleDir(), module, version, target);
        metrics.gitOperation("build", "ok", System.nanoTime() - start);
        LOG.info("event=zip_built module={} version={} files={} ms={}", module, version, summary.entries(),
            (System.nanoTime() - start) / 1_000_000);
      } catch (InvalidModuleZipException e) {
        metrics.gitOperation("build", "invalid", System.nanoTime() - start);
        throw new NotFoundException(module + "@" + version + ": " + e.getMessage());
      }
      return Files.size(target);
    });
  }

  private <T> Single<T> run(String module, String endpoint, RepoTask<T> task) {
    return Single.defer(() -> {
      long start = System.nanoTime();
      return workers.submit(() -> {
            DeadlineMonitor deadline = new DeadlineMonitor(timeouts.total());
            Location location = locator.locate(module);
            if (!location.root().subdir().isEmpty()) {
              throw new NotFoundException(module + ": go-import subdirectory roots (Go 1.25) are not supported yet");
            }
            requireCredentialUseAllowed(module, location);
            try (SyncedRepository synced = repos.open(location.fetchUrl(), deadline)) {
              Repository git = synced.repository();
              return task.run(new ModuleRepo(git, location.root().url(), location.root().root(), module), git);
            }
          })
          .onErrorResumeNext(error -> Single.error(unexpected(module, endpoint, error)))
          .timeout(timeouts.total().toMillis(), TimeUnit.MILLISECONDS, Single.error(() ->
              new UpstreamTimeoutException("git: " + module + " took longer than " + timeouts.total().toSeconds()
                  + "s")))
          .doOnEvent((value, error) -> metrics.upstreamFetch(NAME, endpoint, result(error), System.nanoTime() - start));
    });
  }

  /**
   * A go-import page is written by whoever controls the module path's host: it must not steer the
   * mirror's credentials at a repository they protect (and so leak it to anyone who asks for that
   * public path). Such a location may use credentials only for modules matching {@code private}.
   */
  private void requireCredentialUseAllowed(String module, Location location) {
    if (location.discovered() && !privateModules.matches(module) && auth.ruleFor(location.fetchUrl()).isPresent()) {
      LOG.warn("event=credentials_refused module={} url={} reason=\"discovered location of a non-private module\"",
          module, RedactedUrl.of(location.fetchUrl()));
      throw new NotFoundException(module + ": its go-import location needs the mirror's credentials, which only"
          + " modules matching 'private' may use");
    }
  }

  /**
   * Failures are typed where they happen (not found, network, timeout); anything else (a corrupt
   * object, a full disk) is a 502 for this one request, logged with its cause, never a 500.
   */
  private static Throwable unexpected(String module, String endpoint, Throwable error) {
    if (error instanceof MirrorException) {
      return error;
    }
    LOG.error("event=direct_failed module={} endpoint={} cause=\"{}\"", module, endpoint,
        RedactedUrl.describe(error));
    return new UpstreamFailedException("git: building " + endpoint + " of " + module + " failed");
  }

  private static String result(Throwable error) {
    if (error == null) {
      return "ok";
    }
    if (error instanceof NotFoundException) {
      return "not_found";
    }
    return error instanceof UpstreamTimeoutException ? "timeout" : "error";
  }

  private static byte[] lines(List<String> versions) {
    StringBuilder text = new StringBuilder();
    versions.forEach(v -> text.append(v).append('\n'));
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  @FunctionalInterface
  private interface RepoTask<T> {
    T run(ModuleRepo repo, Repository git) throws Exception;
  }
}
