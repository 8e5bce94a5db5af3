package io.goproxymirror.mirror.fetch.git.locate;

/**
 * One {@code <meta name="go-import" content="prefix vcs repo-url [subdirectory]">} tag.
 *
 * @param subdir the optional fourth field (Go 1.25+), empty when absent
 */
record MetaImport(String prefix, String vcs, String repoUrl, String subdir) {
  boolean isMod() {
    return RepoRoot.MOD.equals(vcs);
  }

  @Override
  public String toString() {
    return prefix + " " + vcs + " " + SafeUrl.redact(repoUrl) + (subdir.isEmpty() ? "" : " " + subdir);
  }
}
