package io.goproxymirror.mirror;

import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.git.GitConfig;
import io.goproxymirror.config.git.GitCredential;
import io.goproxymirror.gomod.PathPatterns;
import io.goproxymirror.mirror.fetch.git.DirectSource;
import io.goproxymirror.mirror.fetch.git.GitWorkers;
import io.goproxymirror.mirror.fetch.git.locate.GoImportDiscovery;
import io.goproxymirror.mirror.fetch.git.locate.RepoLocator;
import io.goproxymirror.mirror.fetch.git.locate.RepoTemplate;
import io.goproxymirror.mirror.fetch.git.locate.UrlRewrite;
import io.goproxymirror.mirror.fetch.git.transport.BareRepositories;
import io.goproxymirror.mirror.fetch.git.transport.GitAuth;
import io.goproxymirror.mirror.fetch.git.transport.GitCredentialRule;
import io.goproxymirror.mirror.fetch.git.transport.GitRemote;
import io.goproxymirror.mirror.fetch.git.transport.GitTimeouts;
import io.goproxymirror.mirror.fetch.git.transport.IsolatedGitConfig;
import io.goproxymirror.mirror.fetch.git.transport.JGitMemory;
import io.goproxymirror.mirror.fetch.git.transport.SecretSource;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Builds direct mode from the {@code git.*} configuration: the Git worker pool, credentials, the
 * persistent bare repositories under {@code <data>/.git-cache}, and the repository locator.
 */
final class GitSourceWiring implements AutoCloseable {
  /** How long a discovered (or not found) repository root is remembered. */
  private static final Duration DISCOVERY_TTL = Duration.ofMinutes(10);

  private final GitWorkers workers;
  private final GitAuth auth;
  private final DirectSource source;
  private final PathPatterns privateModules;

  GitSourceWiring(MirrorConfig config, PathPatterns privateModules, Path data, Map<String, String> env,
      MirrorMetrics metrics) {
    IsolatedGitConfig.install();
    JGitMemory.bound();
    this.privateModules = privateModules;
    GitConfig git = config.git();
    GitTimeouts timeouts = new GitTimeouts(git.connectTimeout(), git.idleTimeout(), git.totalTimeout());
    Path cache = data.resolve(".git-cache");
    Path sshHome = cache.resolve(".ssh-home");
    try {
      Files.createDirectories(sshHome);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + cache, e);
    }
    this.workers = new GitWorkers(git.workers(), git.queue());
    metrics.gitTasks(workers::pending);
    this.auth = new GitAuth(git.credentials().stream().map(c -> rule(c, env, sshHome)).toList(), sshHome, timeouts);
    RepoLocator locator = new RepoLocator(
        git.repositories().stream().map(t -> new RepoTemplate(t.prefix(), t.elements(), t.url())).toList(),
        git.rewrites().stream().map(r -> new UrlRewrite(r.from(), r.to())).toList(),
        new GoImportDiscovery(git.connectTimeout(), git.idleTimeout()),
        DISCOVERY_TTL);
    BareRepositories repos = new BareRepositories(cache, new GitRemote(auth, metrics), git.refsTtl());
    this.source = new DirectSource(new DirectSource.Repos(locator, privateModules, auth, repos), workers, timeouts, metrics);
  }

  DirectSource source() {
    return source;
  }

  PathPatterns privateModules() {
    return privateModules;
  }

  private static GitCredentialRule rule(GitCredential c, Map<String, String> env, Path sshHome) {
    Optional<SecretSource> token = c.tokenEnv().map(name -> SecretSource.env(name, env))
        .or(() -> c.tokenFile().map(SecretSource::file));
    return new GitCredentialRule(
        c.prefix(),
        c.username().orElse("git"),
        token,
        c.sshKeyFile(),
        c.sshKeyPassphraseEnv().map(name -> SecretSource.env(name, env)),
        c.knownHostsFile().orElse(sshHome.resolve("known_hosts")),
        c.strictHostKeyChecking());
  }

  @Override
  public void close() {
    workers.shutdown();
    auth.close();
  }
}
