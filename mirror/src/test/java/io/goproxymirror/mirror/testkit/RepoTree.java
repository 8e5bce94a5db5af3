package io.goproxymirror.mirror.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The full content of one commit for {@link GitRepoBuilder#commit(java.time.Instant, RepoTree)}: regular and
 * executable files with arbitrary bytes, symbolic links and gitlinks (submodule entries pointing
 * at a commit that need not exist).
 *
 * <pre>{@code
 * RepoTree.of()
 *     .file("go.mod", "module github.com/acme/x\n")
 *     .executable("run.sh", "#!/bin/sh\n")
 *     .symlink("link.go", "x.go")
 *     .gitlink("deps/lib", "0123456789abcdef0123456789abcdef01234567")
 * }</pre>
 */
public final class RepoTree {

  /** One tree entry: a blob's bytes (file or link target) or, for a gitlink, the commit id. */
  record Entry(String path, FileMode mode, byte[] content, ObjectId gitlink) {}

  private final List<Entry> entries = new ArrayList<>();

  private RepoTree() {}

  public static RepoTree of() {
    return new RepoTree();
  }

  /** Regular files from a path → bytes map, such as {@link GitRepoBuilder#files}. */
  public static RepoTree of(Map<String, byte[]> files) {
    RepoTree tree = new RepoTree();
    files.forEach(tree::file);
    return tree;
  }

  public RepoTree file(String path, String text) {
    return file(path, utf8(text));
  }

  public RepoTree file(String path, byte[] content) {
    return add(path, FileMode.REGULAR_FILE, content, null);
  }

  public RepoTree executable(String path, String text) {
    return add(path, FileMode.EXECUTABLE_FILE, utf8(text), null);
  }

  public RepoTree symlink(String path, String target) {
    return add(path, FileMode.SYMLINK, utf8(target), null);
  }

  /** A submodule entry; the commit is not stored in this repository. */
  public RepoTree gitlink(String path, String commitHex) {
    return add(path, FileMode.GITLINK, null, ObjectId.fromString(commitHex));
  }

  List<Entry> entries() {
    return List.copyOf(entries);
  }

  private RepoTree add(String path, FileMode mode, byte[] content, ObjectId gitlink) {
    entries.add(new Entry(path, mode, content == null ? null : content.clone(), gitlink));
    return this;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
