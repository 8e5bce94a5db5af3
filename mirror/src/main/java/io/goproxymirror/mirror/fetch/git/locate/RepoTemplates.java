package io.goproxymirror.mirror.fetch.git.locate;

import io.goproxymirror.mirror.errors.NotFoundException;
import java.util.List;
import java.util.Optional;

/**
 * The configured {@link RepoTemplate}s, tried in configured order; the first whose prefix is a path
 * prefix of the module path decides (put more specific prefixes first). Roots found this way are
 * Git repositories.
 */
public final class RepoTemplates {
  private final List<RepoTemplate> rules;

  /** @param rules in the order they are tried */
  public RepoTemplates(List<RepoTemplate> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * The root of {@code modulePath} by the first matching rule; empty when no rule matches.
   *
   * @throws NotFoundException when the matching rule needs more path elements than the path has
   */
  public Optional<RepoRoot> lookup(String modulePath) {
    for (RepoTemplate rule : rules) {
      if (!PathPrefix.matches(modulePath, rule.prefix())) {
        continue;
      }
      String rest = modulePath.length() == rule.prefix().length()
          ? "" : modulePath.substring(rule.prefix().length() + 1);
      String[] elems = rest.isEmpty() ? new String[0] : rest.split("/", -1);
      if (elems.length < rule.elements()) {
        throw new NotFoundException(modulePath + ": repositories under " + rule.prefix() + " are named by "
            + rule.elements() + " path elements after it");
      }
      String path = String.join("/", List.of(elems).subList(0, rule.elements()));
      String root = path.isEmpty() ? rule.prefix() : rule.prefix() + "/" + path;
      String url = rule.url().replace("{root}", root).replace("{path}", path);
      return Optional.of(new RepoRoot(root, url, RepoRoot.GIT));
    }
    return Optional.empty();
  }

  /** Whether no rule is configured. */
  public boolean isEmpty() {
    return rules.isEmpty();
  }
}
