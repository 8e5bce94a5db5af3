package io.goproxymirror.mirror.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Low-level writes into a bare repository for fixtures that {@link GitRepoBuilder} does not cover:
 * commits with explicit parents and a committer time zone, refs of any name
 * ({@code refs/pull/1/head}), and commits searched for a hash-prefix collision.
 */
public final class FixtureGit implements AutoCloseable {
  private final Repository repo;

  private FixtureGit(Repository repo) {
    this.repo = repo;
  }

  /** Creates a bare repository at {@code dir} with HEAD on {@code main}. */
  public static FixtureGit createBare(Path dir) {
    try {
      Files.createDirectories(dir);
      Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
      repo.create(true);
      FixtureGit git = new FixtureGit(repo);
      git.head("main");
      return git;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A commit of exactly {@code files} (path → UTF-8 text) at {@code time} in UTC. */
  public ObjectId commit(Instant time, Map<String, String> files, ObjectId... parents) {
    return commit(time, ZoneOffset.UTC, "commit at " + time, files, parents);
  }

  /** A commit whose author and committer dates carry the given time-zone offset. */
  public ObjectId commit(Instant time, ZoneOffset zone, String message, Map<String, String> files,
      ObjectId... parents) {
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      ObjectId tree = tree(inserter, files);
      ObjectId id = inserter.insert(build(tree, time, zone, message, parents));
      inserter.flush();
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Two commits (messages from {@code message}) with the same files and parent whose hashes share
   * their first {@code digits} hex digits: a birthday search over ids computed without writing.
   */
  public ObjectId[] collidingCommits(int digits, Instant time, Map<String, String> files,
      IntFunction<String> message, ObjectId parent) {
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      ObjectId tree = tree(inserter, files);
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; ; i++) {
        CommitBuilder commit = build(tree, time, ZoneOffset.UTC, message.apply(i), parent);
        String prefix = inserter.idFor(Constants.OBJ_COMMIT, commit.build()).name()
            .substring(0, digits);
        Integer earlier = seen.putIfAbsent(prefix, i);
        if (earlier != null) {
          inserter.flush();
          return new ObjectId[] {
              commit(time, ZoneOffset.UTC, message.apply(earlier), files, parent),
              commit(time, ZoneOffset.UTC, message.apply(i), files, parent)};
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates or moves any ref ({@code refs/heads/x}, {@code refs/tags/v1}, {@code refs/pull/1/head}). */
  public FixtureGit ref(String name, ObjectId target) {
    try {
      RefUpdate update = repo.updateRef(name);
      update.setNewObjectId(target);
      check(name, update.forceUpdate());
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public FixtureGit branch(String name, ObjectId target) {
    return ref(Constants.R_HEADS + name, target);
  }

  public FixtureGit tag(String name, ObjectId target) {
    return ref(Constants.R_TAGS + name, target);
  }

  /** An annotated tag object dated {@code tagTime}, pointing at {@code target}. */
  public FixtureGit annotatedTag(String name, ObjectId target, Instant tagTime) {
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      TagBuilder tag = new TagBuilder();
      tag.setTag(name);
      tag.setObjectId(target, Constants.OBJ_COMMIT);
      tag.setTagger(ident(tagTime, ZoneOffset.UTC));
      tag.setMessage("tag " + name + "\n");
      ObjectId id = inserter.insert(tag);
      inserter.flush();
      return ref(Constants.R_TAGS + name, id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Points HEAD at {@code refs/heads/<branch>}. */
  public FixtureGit head(String branch) {
    try {
      check(Constants.HEAD, repo.updateRef(Constants.HEAD).link(Constants.R_HEADS + branch));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    repo.close();
  }

  private static ObjectId tree(ObjectInserter inserter, Map<String, String> files)
      throws IOException {
    DirCache index = DirCache.newInCore();
    DirCacheBuilder entries = index.builder();
    for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
      byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
      DirCacheEntry entry = new DirCacheEntry(file.getKey());
      entry.setFileMode(FileMode.REGULAR_FILE);
      entry.setLength(bytes.length);
      entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, bytes));
      entries.add(entry);
    }
    entries.finish();
    return index.writeTree(inserter);
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
    return new PersonIdent(GitRepoBuilder.NAME, GitRepoBuilder.EMAIL, time, zone);
  }

  private static void check(String ref, RefUpdate.Result result) {
    switch (result) {
      case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> { }
      default -> throw new IllegalStateException("updating " + ref + " failed: " + result);
    }
  }
}
