package io.goproxymirror.mirror.fetch.git;

import io.goproxymirror.mirror.errors.NotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Read access to a repository the way the go command's Git layer has it (PROTOCOL §3.3): revisions
 * resolve through tags, branches, {@code HEAD} and lower-case hash prefixes, and only commits
 * reachable from those refs exist. Not thread-safe; results are cached per instance.
 */
final class GitCode {
  private static final int MIN_HASH_DIGITS = 7;
  /**
   * The largest file read whole (go.mod, LICENSE). The go command reads any size here (only the
   * zip limits go.mod to 16 MiB), so a version with a larger go.mod still resolves; past this bound
   * the mirror answers "not found" rather than hold more in memory.
   */
  private static final int MAX_FILE_BYTES = 32 << 20;

  private final Repository repo;
  private final GitRefs refs;
  private final Map<String, GitRevision> stats = new HashMap<>();

  GitCode(Repository repo, GitRefs refs) {
    this.repo = repo;
    this.refs = refs;
  }

  GitRefs refs() {
    return refs;
  }

  /** Ancestry questions about tags of the same refs. */
  TagHistory history() {
    return new TagHistory(repo, refs);
  }

  /** Resolves {@code rev}: a tag, a branch, {@code HEAD}, or a hash (prefix). */
  GitRevision stat(String rev) throws IOException, RevisionNotFoundException {
    GitRevision cached = stats.get(rev);
    if (cached == null) {
      cached = resolve(rev);
      stats.put(rev, cached);
    }
    return cached;
  }

  private GitRevision resolve(String rev) throws IOException, RevisionNotFoundException {
    String tagRef = Constants.R_TAGS + rev;
    String branchRef = Constants.R_HEADS + rev;
    if (refs.get(tagRef) != null) {
      return describe(refs.get(tagRef), tagRef, rev, rev);
    }
    if (refs.get(branchRef) != null) {
      return describe(refs.get(branchRef), branchRef, "", rev);
    }
    if (rev.equals(Constants.HEAD) && refs.get(Constants.HEAD) != null) {
      return describe(refs.get(Constants.HEAD), Constants.HEAD, "", rev);
    }
    if (!isHashPrefix(rev)) {
      throw new RevisionNotFoundException("unknown revision " + rev);
    }
    ObjectId hash = null;
    String ref = "";
    for (Map.Entry<String, ObjectId> e : refs.all().entrySet()) {
      if (e.getValue().name().startsWith(rev)) {
        if (hash != null && !hash.equals(e.getValue())) {
          throw new RevisionNotFoundException("ambiguous revision " + hash.name());
        }
        if (ref.isEmpty()) {
          ref = e.getKey();
        }
        hash = e.getValue();
      }
    }
    if (hash != null) {
      return describe(hash, ref, "", rev);
    }
    return describe(reachableCommit(rev), "", "", rev);
  }

  /** The one commit reachable from a ref whose hash starts with {@code prefix}. */
  private ObjectId reachableCommit(String prefix) throws IOException, RevisionNotFoundException {
    try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
      Set<ObjectId> candidates = new HashSet<>();
      for (ObjectId id : reader.resolve(AbbreviatedObjectId.fromString(prefix))) {
        if (reader.open(id).getType() == Constants.OBJ_COMMIT) {
          candidates.add(id.copy());
        }
      }
      List<ObjectId> reachable = new ArrayList<>();
      if (!candidates.isEmpty()) {
        for (ObjectId tip : refs.all().values()) {
          if (walk.peel(walk.parseAny(tip)) instanceof RevCommit commit) {
            walk.markStart(commit);
          }
        }
        for (RevCommit c = walk.next(); c != null && reachable.size() < candidates.size();
            c = walk.next()) {
          if (candidates.contains(c)) {
            reachable.add(c.copy());
          }
        }
      }
      if (reachable.size() != 1) {
        throw new RevisionNotFoundException("unknown revision " + prefix);
      }
      return reachable.get(0);
    }
  }

  /**
   * Describes the commit {@code id} reached through {@code ref}. The go command fetches a commit
   * found through {@code HEAD} by its hash, so such a revision records no ref.
   */
  private GitRevision describe(ObjectId id, String ref, String tagName, String rev)
      throws IOException, RevisionNotFoundException {
    if (ref.equals(Constants.HEAD)) {
      ref = "";
    }
    try (RevWalk walk = new RevWalk(repo)) {
      RevObject object = walk.peel(walk.parseAny(id));
      if (!(object instanceof RevCommit commit)) {
        throw new RevisionNotFoundException("unknown revision " + rev);
      }
      List<String> tags = new ArrayList<>();
      for (Map.Entry<String, ObjectId> tag : refs.tags("").entrySet()) {
        if (tag.getValue().equals(commit)) {
          tags.add(tag.getKey());
        }
      }
      String version = tags.contains(tagName) ? tagName : commit.name();
      Instant time = Instant.ofEpochSecond(commit.getCommitTime());
      return new GitRevision(commit.copy(), time, tags, ref, version);
    } catch (MissingObjectException e) {
      throw new RevisionNotFoundException("unknown revision " + rev);
    }
  }

  /**
   * The bytes of the file at {@code path} in {@code commit} (a symbolic link gives its target),
   * or empty when there is no such blob.
   */
  Optional<byte[]> readFile(ObjectId commit, String path) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit c = walk.parseCommit(commit);
      try (TreeWalk tree = TreeWalk.forPath(repo, path, c.getTree())) {
        if (tree == null || tree.getFileMode(0).getObjectType() != Constants.OBJ_BLOB
            || tree.getFileMode(0) == FileMode.GITLINK) {
          return Optional.empty();
        }
        try {
          return Optional.of(repo.open(tree.getObjectId(0)).getCachedBytes(MAX_FILE_BYTES));
        } catch (LargeObjectException e) {
          throw new NotFoundException(path + " at " + commit.name() + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
      }
    }
  }

  private static boolean isHashPrefix(String rev) {
    if (rev.length() < MIN_HASH_DIGITS || rev.length() > Constants.OBJECT_ID_STRING_LENGTH) {
      return false;
    }
    for (int i = 0; i < rev.length(); i++) {
      char c = rev.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }
}
