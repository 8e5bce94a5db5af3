package io.goproxymirror.mirror.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Builds a bare Git repository with JGit, writing objects directly (no work tree). Each commit is a
 * full snapshot of the given files, goes onto the current branch (default {@code main}, which HEAD
 * points to) and has a fixed author/committer identity with the given time in UTC. For fixtures that
 * need more, {@link #commitObject} writes commits with explicit parents (and a committer time zone)
 * without moving a branch, {@link #collidingCommits} searches for a hash-prefix collision and
 * {@link #ref} points any ref ({@code refs/pull/1/head}).
 *
 * <pre>{@code
 * GitRepoBuilder.createBare(repos.resolve("github.com/acme/x"))
 *     .commit(Instant.parse("2024-01-02T03:04:05Z"), files("go.mod", "module github.com/acme/x\n"))
 *     .tag("v1.0.0")
 *     .close();
 * }</pre>
 */
public final class GitRepoBuilder implements AutoCloseable {

  public static final String NAME = "Test Author";
  public static final String EMAIL = "author@example.com";

  private final Repository repo;
  private String branch = "main";
  private ObjectId lastCommit;

  private GitRepoBuilder(Repository repo) {
    this.repo = repo;
  }

  /** Creates a bare repository at {@code dir} (parents included) with HEAD on {@code main}. */
  public static GitRepoBuilder createBare(Path dir) {
    try {
      Files.createDirectories(dir);
      Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
      repo.create(true);
      GitRepoBuilder builder = new GitRepoBuilder(repo);
      builder.setHead("main");
      return builder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A path → content map from alternating path and UTF-8 text arguments. */
  public static Map<String, byte[]> files(String... pathThenText) {
    if (pathThenText.length % 2 != 0) {
      throw new IllegalArgumentException("expected path/text pairs");
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < pathThenText.length; i += 2) {
      files.put(pathThenText[i], pathThenText[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return files;
  }

  public GitRepoBuilder commit(Instant time, Map<String, byte[]> files) {
    return commit("commit at " + time, time, files, Map.of());
  }

  public GitRepoBuilder commit(Instant time, Map<String, byte[]> files, Map<String, String> symlinks) {
    return commit("commit at " + time, time, files, symlinks);
  }

  /**
   * Commits exactly {@code files} plus {@code symlinks} (path → link target) onto the current
   * branch, whose tip (if any) becomes the parent.
   */
  public GitRepoBuilder commit(
      String message, Instant time, Map<String, byte[]> files, Map<String, String> symlinks) {
    RepoTree tree = RepoTree.of(files);
    symlinks.forEach(tree::symlink);
    return commit(message, time, tree);
  }

  /** Commits exactly the entries of {@code tree} (files, executables, symlinks, gitlinks). */
  public GitRepoBuilder commit(Instant time, RepoTree tree) {
    return commit("commit at " + time, time, tree);
  }

  /**
   * Commits exactly the entries of {@code tree} onto the current branch, whose tip (if any)
   * becomes the parent.
   */
  public GitRepoBuilder commit(String message, Instant time, RepoTree tree) {
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      Ref tip = repo.exactRef(Constants.R_HEADS + branch);
      ObjectId[] parents = tip == null ? new ObjectId[0] : new ObjectId[] {tip.getObjectId()};
      ObjectId id = inserter.insert(build(tree(inserter, tree), time, ZoneOffset.UTC, message, parents));
      inserter.flush();
      lastCommit = id;
      return ref(Constants.R_HEADS + branch, id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A commit of exactly {@code files} (path → UTF-8 text) at {@code time} in UTC with explicit
   * {@code parents}, written without moving any branch (point refs at it with {@link #branch},
   * {@link #tag} or {@link #ref}).
   */
  public ObjectId commitObject(Instant time, Map<String, String> files, ObjectId... parents) {
    return commitObject(time, ZoneOffset.UTC, "commit at " + time, files, parents);
  }

  /** As {@link #commitObject(Instant, Map, ObjectId...)}, with author and committer dates in {@code zone}. */
  public ObjectId commitObject(Instant time, ZoneOffset zone, String message, Map<String, String> files,
      ObjectId... parents) {
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      ObjectId id = inserter.insert(build(tree(inserter, textTree(files)), time, zone, message, parents));
      inserter.flush();
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Two commits (messages from {@code message}) with the same files and parent whose hashes share
   * their first {@code digits} hex digits: a birthday search over ids computed without writing.
   * No branch moves.
   */
  public ObjectId[] collidingCommits(int digits, Instant time, Map<String, String> files,
      IntFunction<String> message, ObjectId parent) {
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      ObjectId tree = tree(inserter, textTree(files));
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; ; i++) {
        CommitBuilder commit = build(tree, time, ZoneOffset.UTC, message.apply(i), parent);
        String prefix = inserter.idFor(Constants.OBJ_COMMIT, commit.build()).name()
            .substring(0, digits);
        Integer earlier = seen.putIfAbsent(prefix, i);
        if (earlier != null) {
          inserter.flush();
          return new ObjectId[] {
              commitObject(time, ZoneOffset.UTC, message.apply(earlier), files, parent),
              commitObject(time, ZoneOffset.UTC, message.apply(i), files, parent)};
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Subsequent commits go onto {@code name}; an absent branch starts with a root commit. */
  public GitRepoBuilder onBranch(String name) {
    this.branch = name;
    return this;
  }

  /** A lightweight tag on the last commit. */
  public GitRepoBuilder tag(String name) {
    return tag(name, lastCommit());
  }

  public GitRepoBuilder tag(String name, ObjectId target) {
    return ref(Constants.R_TAGS + name, target);
  }

  /** An annotated tag on the last commit, with the fixed identity as tagger at {@code tagTime}. */
  public GitRepoBuilder annotatedTag(String name, Instant tagTime, String message) {
    return annotatedTag(name, lastCommit(), tagTime, message);
  }

  /** An annotated tag on {@code target} with the message {@code tag <name>}. */
  public GitRepoBuilder annotatedTag(String name, ObjectId target, Instant tagTime) {
    return annotatedTag(name, target, tagTime, "tag " + name);
  }

  public GitRepoBuilder annotatedTag(String name, ObjectId target, Instant tagTime, String message) {
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      TagBuilder tag = new TagBuilder();
      tag.setTag(name);
      tag.setObjectId(target, Constants.OBJ_COMMIT);
      tag.setTagger(ident(tagTime, ZoneOffset.UTC));
      tag.setMessage(message + "\n");
      ObjectId id = inserter.insert(tag);
      inserter.flush();
      return ref(Constants.R_TAGS + name, id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates or moves branch {@code name} to the last commit. */
  public GitRepoBuilder branch(String name) {
    return branch(name, lastCommit());
  }

  public GitRepoBuilder branch(String name, ObjectId target) {
    return ref(Constants.R_HEADS + name, target);
  }

  /** Points HEAD (symbolically) at {@code refs/heads/<branchName>}. */
  public GitRepoBuilder setHead(String branchName) {
    try {
      RefUpdate.Result result = repo.updateRef(Constants.HEAD).link(Constants.R_HEADS + branchName);
      check(Constants.HEAD, result);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The id of the most recent commit made by this builder. */
  public ObjectId lastCommit() {
    if (lastCommit == null) {
      throw new IllegalStateException("no commit yet");
    }
    return lastCommit;
  }

  public Path dir() {
    return repo.getDirectory().toPath();
  }

  @Override
  public void close() {
    repo.close();
  }

  /** Creates or moves any ref ({@code refs/heads/x}, {@code refs/tags/v1}, {@code refs/pull/1/head}). */
  public GitRepoBuilder ref(String ref, ObjectId target) {
    try {
      RefUpdate update = repo.updateRef(ref);
      update.setNewObjectId(target);
      check(ref, update.forceUpdate());
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void check(String ref, RefUpdate.Result result) {
    switch (result) {
      case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> { }
      default -> throw new IllegalStateException("updating " + ref + " failed: " + result);
    }
  }

  private static DirCacheEntry entry(ObjectInserter inserter, RepoTree.Entry spec)
      throws IOException {
    DirCacheEntry entry = new DirCacheEntry(spec.path());
    entry.setFileMode(spec.mode());
    if (spec.gitlink() != null) {
      entry.setObjectId(spec.gitlink());
    } else {
      entry.setLength(spec.content().length);
      entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, spec.content()));
    }
    return entry;
  }

  private static ObjectId tree(ObjectInserter inserter, RepoTree tree) throws IOException {
    DirCache index = DirCache.newInCore();
    DirCacheBuilder entries = index.builder();
    for (RepoTree.Entry entry : tree.entries()) {
      entries.add(entry(inserter, entry));
    }
    entries.finish();
    return index.writeTree(inserter);
  }

  private static RepoTree textTree(Map<String, String> files) {
    RepoTree tree = RepoTree.of();
    new TreeMap<>(files).forEach(tree::file);
    return tree;
  }

  private static CommitBuilder build(
      ObjectId tree, Instant time, ZoneOffset zone, String message, ObjectId... parents) {
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    commit.setAuthor(ident(time, zone));
    commit.setCommitter(ident(time, zone));
    commit.setMessage(message + "\n");
    commit.setParentIds(parents);
    return commit;
  }

  private static PersonIdent ident(Instant time, ZoneOffset zone) {
    return new PersonIdent(NAME, EMAIL, time, zone);
  }
}
