package io.goproxymirror.mirror.fetch.git.locate;

import io.goproxymirror.mirror.errors.NotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Step 1 of PROTOCOL §3.1: import paths whose repository follows from the path alone, without a
 * network request. The hosting sites the go command knows (GitHub, Bitbucket, JazzHub, Apache,
 * OpenStack, chiselapp) are matched by their own rules, first matching site wins; then the
 * VCS-qualifier form {@code host/path.git[/sub...]} is tried. Found roots keep the path's case.
 */
public final class KnownHosts {
  private static final String ELEM = "[A-Za-z0-9_.\\-]+";
  private static final String SUB = "(?:/" + ELEM + ")*";
  private static final List<String> VCS_SUFFIXES = List.of(".hg", ".git", ".svn", ".bzr", ".fossil");

  /** A hosting site: paths under {@code pathPrefix} must match {@code pattern}. */
  private record Site(String pathPrefix, Pattern pattern, String vcs, boolean noVcsSuffix) {}

  private static final List<Site> SITES = List.of(
      new Site("github.com",
          Pattern.compile("(?<root>github\\.com/" + ELEM + "/" + ELEM + ")" + SUB), "git", true),
      // Bitbucket dropped Mercurial in 2020; the go command's API probe can only answer git now.
      new Site("bitbucket.org",
          Pattern.compile("(?<root>bitbucket\\.org/" + ELEM + "/" + ELEM + ")" + SUB), "git", true),
      new Site("hub.jazz.net/git",
          Pattern.compile("(?<root>hub\\.jazz\\.net/git/[a-z0-9]+/" + ELEM + ")" + SUB), "git", true),
      new Site("git.apache.org",
          Pattern.compile("(?<root>git\\.apache\\.org/[a-z0-9_.\\-]+\\.git)" + SUB), "git", false),
      new Site("git.openstack.org",
          Pattern.compile("(?<root>git\\.openstack\\.org/" + ELEM + "/" + ELEM + ")(?:\\.git)?" + SUB),
          "git", false),
      new Site("chiselapp.com",
          Pattern.compile("(?<root>chiselapp\\.com/user/[A-Za-z0-9]+/repository/" + ELEM + ")"),
          "fossil", false));

  private KnownHosts() {}

  /**
   * The repository root of {@code importPath} if a static rule knows it; empty if discovery must
   * decide.
   *
   * @throws NotFoundException if the path is under a known site but does not fit its rules (for
   *     example {@code github.com/acme} or {@code github.com/acme/x.git})
   */
  public static Optional<RepoRoot> lookup(String importPath) {
    for (Site site : SITES) {
      if (!PathPrefix.matches(importPath, site.pathPrefix())) {
        continue;
      }
      Matcher m = site.pattern().matcher(importPath);
      if (!m.matches()) {
        throw new NotFoundException(
            importPath + ": invalid " + site.pathPrefix() + " import path");
      }
      String url = "https://" + m.group("root");
      if (site.noVcsSuffix() && VCS_SUFFIXES.stream().anyMatch(url::endsWith)) {
        throw new NotFoundException(
            importPath + ": invalid version control suffix in " + site.pathPrefix() + "/ path");
      }
      return Optional.of(new RepoRoot(m.group("root"), url, site.vcs()));
    }
    return VcsQualifiedPath.lookup(importPath);
  }
}
