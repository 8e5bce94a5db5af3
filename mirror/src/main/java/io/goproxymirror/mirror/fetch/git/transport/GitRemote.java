package io.goproxymirror.mirror.fetch.git.transport;

import io.goproxymirror.mirror.metrics.MirrorMetrics;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.LsRemoteCommand;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network side of a Git repository, as the go command uses it: list the refs (only
 * {@code HEAD}, branches and tags count), and fetch exactly branches and tags into a bare mirror
 * (commits reachable only from other refs, such as pull requests, are never fetched). Every call
 * carries the credentials and timeouts for its URL and is measured.
 */
public final class GitRemote {
  private static final Logger LOG = LoggerFactory.getLogger(GitRemote.class);
  private static final List<RefSpec> MIRROR_SPECS = List.of(
      new RefSpec("+" + Constants.R_HEADS + "*:" + Constants.R_HEADS + "*"),
      new RefSpec("+" + Constants.R_TAGS + "*:" + Constants.R_TAGS + "*"));

  private final GitAuth auth;
  private final MirrorMetrics metrics;

  public GitRemote(GitAuth auth, MirrorMetrics metrics) {
    this.auth = auth;
    this.metrics = metrics;
  }

  /** Whether a ref is one the mirror keeps: a branch or a tag. */
  static boolean mirrored(String name) {
    return name.startsWith(Constants.R_HEADS) || name.startsWith(Constants.R_TAGS);
  }

  /** {@code git ls-remote}: HEAD (symbolic when the server says so), branches and tags. */
  Map<String, Ref> listRefs(String url, DeadlineMonitor deadline) throws Exception {
    return measured("ls-remote", url, deadline, () -> {
      LsRemoteCommand command = Git.lsRemoteRepository().setRemote(url);
      auth.configure(command, url);
      Map<String, Ref> kept = new LinkedHashMap<>();
      command.callAsMap().forEach((name, ref) -> {
        if (name.equals(Constants.HEAD) || mirrored(name)) {
          kept.put(name, ref);
        }
      });
      return kept;
    });
  }

  /** Fetches branches and tags (pruning deleted ones) into {@code repo}; {@code first} marks the clone. */
  void fetch(Repository repo, String url, boolean first, DeadlineMonitor deadline) throws Exception {
    measured(first ? "clone" : "fetch", url, deadline, () -> {
      FetchCommand command = Git.wrap(repo).fetch()
          .setRemote(url)
          .setRefSpecs(MIRROR_SPECS)
          .setTagOpt(TagOpt.NO_TAGS)
          .setRemoveDeletedRefs(true)
          .setCheckFetchedObjects(true)
          .setProgressMonitor(deadline);
      auth.configure(command, url);
      command.call();
      return null;
    });
  }

  /**
   * Repacks {@code repo} into one pack (JGit's gc), so reads stay fast after many fetches. The
   * replaced packs are deleted at once: the caller holds the repository's write lock, so no reader
   * has them open.
   */
  void compact(Repository repo, String url, DeadlineMonitor deadline) throws Exception {
    measured("gc", url, deadline, () -> {
      StoredConfig config = repo.getConfig();
      config.setString("gc", null, "prunePackExpire", "now");
      config.save();
      Git.wrap(repo).gc().setProgressMonitor(deadline).call();
      return null;
    });
  }

  /** Points the local HEAD where the remote's is: the same branch, or detached at the same commit. */
  void pointHead(Repository repo, Ref head) throws IOException {
    if (head == null) {
      return;
    }
    RefUpdate update = repo.updateRef(Constants.HEAD, head.isSymbolic() ? false : true);
    if (head.isSymbolic()) {
      update.link(head.getTarget().getName());
    } else if (head.getObjectId() != null && repo.getObjectDatabase().has(head.getObjectId())) {
      update.setNewObjectId(head.getObjectId());
      update.forceUpdate();
    }
  }

  private <T> T measured(String operation, String url, DeadlineMonitor deadline, GitCall<T> call) throws Exception {
    long start = System.nanoTime();
    try {
      T result = call.run();
      metrics.gitOperation(operation, "ok", System.nanoTime() - start);
      return result;
    } catch (Exception e) {
      var mapped = GitErrors.classify(e, RedactedUrl.of(url), deadline.expired());
      metrics.gitOperation(operation, mapped.status() == 504 ? "timeout" : "error", System.nanoTime() - start);
      LOG.warn("event=git_failed op={} url={} status={} cause=\"{}\"", operation, RedactedUrl.of(url),
          mapped.status(), RedactedUrl.describe(e));
      throw mapped;
    }
  }

  @FunctionalInterface
  private interface GitCall<T> {
    T run() throws Exception;
  }
}
