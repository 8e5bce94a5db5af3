package io.goproxymirror.mirror.fetch.git;

import io.goproxymirror.gomod.Semver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevFlag;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

/** Which tags lie in a commit's history: pseudo-version bases and their validation. */
final class TagHistory {
  private final Repository repo;
  private final GitRefs refs;

  TagHistory(Repository repo, GitRefs refs) {
    this.repo = repo;
    this.refs = refs;
  }

  /** Whether the commit tag {@code tag} points at is {@code commit} or one of its ancestors. */
  boolean descendsFrom(ObjectId commit, String tag) throws IOException {
    ObjectId tagged = refs.get(Constants.R_TAGS + tag);
    if (tagged == null) {
      return false;
    }
    try (RevWalk walk = new RevWalk(repo)) {
      RevObject base = walk.peel(walk.parseAny(tagged));
      return base instanceof RevCommit b && walk.isMergedInto(b, walk.parseCommit(commit));
    }
  }

  /**
   * The semantically highest tag starting with {@code prefix} that {@code allowed} accepts and
   * that points at {@code commit} or an ancestor; {@code ""} if none. Ties keep the first by name.
   */
  String recentTag(ObjectId commit, String prefix, Predicate<String> allowed) throws IOException {
    List<Map.Entry<String, ObjectId>> candidates = new ArrayList<>();
    for (Map.Entry<String, ObjectId> tag : refs.tags(prefix).entrySet()) {
      if (Semver.isValid(tag.getKey().substring(prefix.length())) && allowed.test(tag.getKey())) {
        candidates.add(tag);
      }
    }
    if (candidates.isEmpty()) {
      return "";
    }
    Comparator<Map.Entry<String, ObjectId>> bySemver =
        Comparator.comparing(e -> e.getKey().substring(prefix.length()), Semver::compare);
    candidates.sort(bySemver.reversed().thenComparing(Map.Entry::getKey));
    try (RevWalk walk = new RevWalk(repo)) {
      RevFlag reachable = walk.newFlag("reachable");
      walk.markStart(walk.parseCommit(commit));
      for (RevCommit c = walk.next(); c != null; c = walk.next()) {
        c.add(reachable);
      }
      for (Map.Entry<String, ObjectId> tag : candidates) {
        RevObject target = walk.peel(walk.parseAny(tag.getValue()));
        if (target instanceof RevCommit c && c.has(reachable)) {
          return tag.getKey();
        }
      }
    }
    return "";
  }
}
