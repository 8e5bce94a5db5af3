package io.goproxymirror.config.git;

import java.time.Duration;
import java.util.List;

/**
 * {@code git.*}: building modules from Git repositories ({@code direct} in {@code upstream}). The
 * list keys are set in the YAML file only; the others also from the environment.
 *
 * @param workers {@code git.workers}: threads of the bounded pool that runs JGit, 1..64, default 4
 * @param queue {@code git.queue}: Git operations that may wait for a worker, at least 1, default
 *     256; past it a request is refused as overloaded
 * @param connectTimeout {@code git.connect-timeout}: opening a connection, default 10s
 * @param idleTimeout {@code git.idle-timeout}: a transfer with no bytes for this long fails,
 *     default 60s
 * @param totalTimeout {@code git.total-timeout}: one Git operation end to end, default 10m
 * @param refsTtl {@code git.refs-ttl}: how long a remote's ls-remote answer is reused, default 10s
 * @param rewrites {@code git.rewrites}: repository URL rewrites, first match wins; default none
 * @param repositories {@code git.repositories}: repository URL templates per module path prefix,
 *     first match wins; default none
 * @param credentials {@code git.credentials}: credentials per repository URL prefix, first match
 *     wins; default none
 */
public record GitConfig(
    int workers,
    int queue,
    Duration connectTimeout,
    Duration idleTimeout,
    Duration totalTimeout,
    Duration refsTtl,
    List<GitRewrite> rewrites,
    List<GitRepositoryTemplate> repositories,
    List<GitCredential> credentials) {

  public GitConfig {
    rewrites = List.copyOf(rewrites);
    repositories = List.copyOf(repositories);
    credentials = List.copyOf(credentials);
  }
}
