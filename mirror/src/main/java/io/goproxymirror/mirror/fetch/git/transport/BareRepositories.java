package io.goproxymirror.mirror.fetch.git.transport;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.goproxymirror.mirror.modzip.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * One persistent bare repository per remote under {@code <data>/.git-cache}, reused across
 * versions and queries. Before use, the remote's refs are listed ({@code ls-remote}, at most once
 * per refs TTL); only when they differ from the local ones is an incremental fetch of branches and
 * tags run (the first one is the clone). One read/write lock per repository: syncing writes,
 * reading modules reads.
 */
public final class BareRepositories {
  private final Path root;
  private final GitRemote remote;
  private final Duration refsTtl;
  private final int maxPacks;
  private final Cache<String, RepoState> states = Caffeine.newBuilder().weakValues().build();

  /** Incremental fetches each add a pack; past this many a repository is repacked into one. */
  public static final int DEFAULT_MAX_PACKS = 16;

  public BareRepositories(Path root, GitRemote remote, Duration refsTtl) {
    this(root, remote, refsTtl, DEFAULT_MAX_PACKS);
  }

  /** {@code maxPacks}: pack files a repository may accumulate before it is garbage-collected. */
  public BareRepositories(Path root, GitRemote remote, Duration refsTtl, int maxPacks) {
    this.root = root;
    this.remote = remote;
    this.refsTtl = refsTtl;
    this.maxPacks = maxPacks;
  }

  /** Per-repository lock and the time its refs were last compared with the remote. */
  private static final class RepoState {
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    long checkedAtNanos;
    boolean checked;
  }

  /**
   * Brings the bare repository of {@code url} up to date (listing refs at most once per TTL,
   * fetching only what changed) and opens it for reading. Blocking; runs on the Git worker pool.
   */
  public SyncedRepository open(String url, DeadlineMonitor deadline) throws Exception {
    Path dir = dirFor(url);
    RepoState state = states.get(dir.toString(), k -> new RepoState());
    state.lock.writeLock().lockInterruptibly();
    try {
      if (!state.checked || System.nanoTime() - state.checkedAtNanos > refsTtl.toNanos() || !Files.isDirectory(dir)) {
        sync(url, dir, deadline);
        state.checked = true;
        state.checkedAtNanos = System.nanoTime();
      }
      state.lock.readLock().lock(); // downgrade: no writer can get in between
    } finally {
      state.lock.writeLock().unlock();
    }
    try {
      return new SyncedRepository(openBare(dir), state.lock.readLock());
    } catch (IOException | RuntimeException e) {
      state.lock.readLock().unlock();
      throw e;
    }
  }

  private void sync(String url, Path dir, DeadlineMonitor deadline) throws Exception {
    Map<String, Ref> advertised = remote.listRefs(url, deadline);
    boolean fresh = !Files.isDirectory(dir.resolve("objects"));
    if (fresh) {
      Files.createDirectories(dir);
      try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build()) {
        repo.create(true);
      }
      Files.writeString(dir.resolve("description"), RedactedUrl.of(url) + "\n", StandardCharsets.UTF_8);
    }
    try (Repository repo = openBare(dir)) {
      boolean empty = localRefs(repo).isEmpty();
      if (!advertised.isEmpty() && !sameRefs(advertised, localRefs(repo))) {
        remote.fetch(repo, url, empty, deadline);
        if (packs(dir) > maxPacks) {
          remote.compact(repo, url, deadline);
        }
      }
      remote.pointHead(repo, advertised.get(Constants.HEAD));
    }
  }

  private static boolean sameRefs(Map<String, Ref> advertised, Map<String, ObjectId> local) {
    Map<String, ObjectId> remoteIds = new TreeMap<>();
    advertised.forEach((name, ref) -> {
      if (GitRemote.mirrored(name) && ref.getObjectId() != null) {
        remoteIds.put(name, ref.getObjectId());
      }
    });
    return remoteIds.equals(local);
  }

  private static Map<String, ObjectId> localRefs(Repository repo) throws IOException {
    Map<String, ObjectId> ids = new TreeMap<>();
    for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_REFS)) {
      if (GitRemote.mirrored(ref.getName()) && ref.getObjectId() != null) {
        ids.put(ref.getName(), ref.getObjectId());
      }
    }
    return ids;
  }

  /** The number of pack files of the repository at {@code dir}. */
  static int packs(Path dir) throws IOException {
    Path packDir = dir.resolve("objects").resolve("pack");
    if (!Files.isDirectory(packDir)) {
      return 0;
    }
    try (var files = Files.list(packDir)) {
      return (int) files.filter(f -> f.getFileName().toString().endsWith(".pack")).count();
    }
  }

  private static Repository openBare(Path dir) throws IOException {
    return new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().setMustExist(true).build();
  }

  /** {@code <root>/<first 24 hex of SHA-256 of the URL without user info>}. */
  Path dirFor(String url) {
    String id = Sha256.hex(RedactedUrl.of(url).getBytes(StandardCharsets.UTF_8)).substring(0, 24);
    return root.resolve(id);
  }
}
