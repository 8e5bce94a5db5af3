package io.goproxymirror.mirror.fetch.git.locate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Finds the Git repository of a module path (PROTOCOL §3.1): the configured {@link RepoTemplates}
 * first, then the go command's {@link KnownHosts}, then {@link GoImportDiscovery}; the URL found
 * is passed through the configured {@link UrlRewrites} to give the fetch URL. Roots that are not
 * Git (Mercurial, Fossil, ..., or a go-import {@code mod} entry) are answered with {@link
 * NotFoundException}.
 *
 * <p>Discovery outcomes, found roots and not-found answers alike, are cached for a short time in a
 * bounded cache; concurrent lookups of one path share one discovery. Network failures and
 * timeouts are not cached. Blocking: call it on a worker pool.
 */
public final class RepoLocator {
  /** Default bound of the discovery cache. */
  public static final long DEFAULT_CACHE_ENTRIES = 10_000;

  private final RepoTemplates templates;
  private final UrlRewrites rewrites;
  private final GoImportDiscovery discovery;
  private final Cache<String, Discovered> discovered;

  /** A cached discovery outcome: a root, or the reason there is none. */
  private record Discovered(RepoRoot root, String notFound) {}

  /**
   * @param templates repository URL templates, tried in order
   * @param rewrites URL rewrites, first match wins
   * @param discovery the go-get discovery client
   * @param cacheTtl how long a discovery outcome is reused
   * @param cacheEntries how many outcomes are kept at most
   */
  public RepoLocator(List<RepoTemplate> templates, List<UrlRewrite> rewrites,
      GoImportDiscovery discovery, Duration cacheTtl, long cacheEntries) {
    this.templates = new RepoTemplates(templates);
    this.rewrites = new UrlRewrites(rewrites);
    this.discovery = discovery;
    this.discovered = Caffeine.newBuilder()
        .maximumSize(cacheEntries)
        .expireAfterWrite(cacheTtl)
        .build();
  }

  /** A locator with a cache of {@value #DEFAULT_CACHE_ENTRIES} entries. */
  public RepoLocator(List<RepoTemplate> templates, List<UrlRewrite> rewrites,
      GoImportDiscovery discovery, Duration cacheTtl) {
    this(templates, rewrites, discovery, cacheTtl, DEFAULT_CACHE_ENTRIES);
  }

  /**
   * Where {@code modulePath} (a valid module path) lives and where to fetch it from. Blocking.
   *
   * @throws NotFoundException when no repository can be found or it is not a Git repository
   * @throws UpstreamFailedException when discovery fails on the
   *     network
   * @throws UpstreamTimeoutException when discovery times out
   */
  public Location locate(String modulePath) {
    Optional<RepoRoot> fixed = templates.lookup(modulePath);
    if (fixed.isEmpty()) {
      fixed = KnownHosts.lookup(modulePath);
    }
    RepoRoot root = fixed.orElseGet(() -> discover(modulePath));
    requireGit(modulePath, root);
    return new Location(root, rewrites.apply(root.url()), fixed.isEmpty());
  }

  private RepoRoot discover(String modulePath) {
    Discovered outcome = discovered.get(modulePath, path -> {
      try {
        return new Discovered(discovery.discover(path), null);
      } catch (NotFoundException e) {
        return new Discovered(null, e.getMessage());
      }
    });
    if (outcome.root() == null) {
      throw new NotFoundException(outcome.notFound());
    }
    return outcome.root();
  }

  private static void requireGit(String modulePath, RepoRoot root) {
    if (root.isGit()) {
      return;
    }
    if (RepoRoot.MOD.equals(root.vcs())) {
      throw new NotFoundException(modulePath + ": served by a module proxy at "
          + SafeUrl.redact(root.url()) + "; not supported in direct mode");
    }
    throw new NotFoundException(modulePath + ": repository " + root.root() + " uses " + root.vcs()
        + ", which is not supported (only git)");
  }
}
