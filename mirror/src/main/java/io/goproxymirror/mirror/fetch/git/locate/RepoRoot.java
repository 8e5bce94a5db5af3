package io.goproxymirror.mirror.fetch.git.locate;

import java.util.Objects;

/**
 * Where the code of an import path lives, as the go command's {@code RepoRootForImportPath} finds
 * it (PROTOCOL §3.1).
 *
 * @param root the import path of the repository root, e.g. {@code github.com/acme/x}; the case of
 *     the module path is kept
 * @param url the public repository URL the go command would use, e.g. {@code
 *     https://github.com/acme/x} (the Origin URL; rewrites are applied elsewhere)
 * @param vcs the version control system or {@code mod}: {@code git}, {@code hg}, {@code svn},
 *     {@code bzr}, {@code fossil}, or {@code mod} for a module proxy announced by a go-import tag
 * @param subdir the directory inside the repository that corresponds to {@code root}, from the
 *     optional fourth go-import field (Go 1.25+); empty when the root is the repository's top
 */
public record RepoRoot(String root, String url, String vcs, String subdir) {
  /** The only version control system the mirror can read. */
  public static final String GIT = "git";
  /** The go-import kind for "served by a module proxy at url". */
  public static final String MOD = "mod";

  /** Checks the fields are present; a null subdir means the repository top. */
  public RepoRoot {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(vcs, "vcs");
    subdir = subdir == null ? "" : subdir;
  }

  /** A root at the top of its repository. */
  public RepoRoot(String root, String url, String vcs) {
    this(root, url, vcs, "");
  }

  /** Whether the repository is a Git repository. */
  public boolean isGit() {
    return GIT.equals(vcs);
  }

  /** Renders the fields with any user-info (credentials) removed from the URL. */
  @Override
  public String toString() {
    return "RepoRoot[root=" + root + ", url=" + SafeUrl.redact(url) + ", vcs=" + vcs
        + (subdir.isEmpty() ? "" : ", subdir=" + subdir) + "]";
  }
}
