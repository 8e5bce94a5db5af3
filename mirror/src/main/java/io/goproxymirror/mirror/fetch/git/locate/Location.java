package io.goproxymirror.mirror.fetch.git.locate;

import java.util.Objects;

/**
 * The result of locating a module's repository.
 *
 * @param root the repository root as the go command would find it (its URL is the Origin URL)
 * @param fetchUrl the URL the mirror actually fetches from: the root's URL, or a configured
 *     template's URL, after the configured rewrites
 * @param discovered whether the root came from a {@code ?go-get=1} page (which whoever controls
 *     the module path's host writes) rather than a configured template or a known hosting pattern
 */
public record Location(RepoRoot root, String fetchUrl, boolean discovered) {
  /** Checks the fields are present. */
  public Location {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(fetchUrl, "fetchUrl");
  }

  /** A location from a template or a known hosting pattern. */
  public Location(RepoRoot root, String fetchUrl) {
    this(root, fetchUrl, false);
  }

  /** Renders the fields with credentials removed from both URLs. */
  @Override
  public String toString() {
    return "Location[root=" + root + ", fetchUrl=" + SafeUrl.redact(fetchUrl) + ", discovered=" + discovered + "]";
  }
}
