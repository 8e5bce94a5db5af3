package io.goproxymirror.mirror.fetch.git;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefDatabase;
import org.eclipse.jgit.lib.Repository;

/**
 * The refs the go command sees in a repository (PROTOCOL §3.3): {@code HEAD},
 * {@code refs/heads/*} and {@code refs/tags/*}, annotated tags peeled to what they point at. Other
 * refs ({@code refs/pull/*}, {@code refs/changes/*}) are left out. Read once, so that one
 * {@link ModuleRepo} answers from one consistent state.
 */
final class GitRefs {
  private final SortedMap<String, ObjectId> refs;

  private GitRefs(SortedMap<String, ObjectId> refs) {
    this.refs = Collections.unmodifiableSortedMap(refs);
  }

  static GitRefs read(Repository repo) throws IOException {
    RefDatabase db = repo.getRefDatabase();
    SortedMap<String, ObjectId> refs = new TreeMap<>();
    for (Ref ref : db.getRefsByPrefix(Constants.R_HEADS)) {
      put(db, ref, refs);
    }
    for (Ref ref : db.getRefsByPrefix(Constants.R_TAGS)) {
      put(db, ref, refs);
    }
    Ref head = db.exactRef(Constants.HEAD);
    if (head != null) {
      put(db, head, refs);
    }
    return new GitRefs(refs);
  }

  /** Every ref by full name ({@code HEAD}, {@code refs/heads/main}), in name order. */
  SortedMap<String, ObjectId> all() {
    return refs;
  }

  /** The object a ref points to (peeled), or null. */
  ObjectId get(String name) {
    return refs.get(name);
  }

  /** Tags (names without {@code refs/tags/}) starting with {@code prefix}, in name order. */
  SortedMap<String, ObjectId> tags(String prefix) {
    SortedMap<String, ObjectId> tags = new TreeMap<>();
    for (Map.Entry<String, ObjectId> e : refs.subMap(Constants.R_TAGS, Constants.R_TAGS + '\uffff')
        .entrySet()) {
      String tag = e.getKey().substring(Constants.R_TAGS.length());
      if (tag.startsWith(prefix)) {
        tags.put(tag, e.getValue());
      }
    }
    return tags;
  }

  private static void put(RefDatabase db, Ref ref, SortedMap<String, ObjectId> refs)
      throws IOException {
    if (ref.getObjectId() == null) {
      return;
    }
    Ref peeled = ref.isPeeled() ? ref : db.peel(ref);
    ObjectId id = peeled.getPeeledObjectId() != null
        ? peeled.getPeeledObjectId() : peeled.getObjectId();
    refs.put(ref.getName(), id);
  }
}
