package io.goproxymirror.mirror.auth;

import java.util.Set;

/**
 * What a {@link Resource} requires, from the {@link AccessSettings}. For a module: the first
 * matching rule's groups; else, for a {@code private} or {@code noproxy} module, any principal;
 * else nothing with {@code anonymous: public} and any principal with {@code none}. The admin API
 * needs group {@code admin}; metrics and status follow {@code anonymous}. Whether a module exists
 * plays no part, so refusals reveal nothing about it.
 */
public final class AccessPolicy {
  /** The group that may use {@code /admin/*}. */
  public static final String ADMIN_GROUP = "admin";

  /**
   * What a resource needs.
   *
   * @param open whether clients without credentials may use it
   * @param groups when not open: the groups of which the principal needs one; empty means any
   *     authenticated principal
   * @param forbidden the client's line when a principal lacks the groups
   */
  public record Requirement(boolean open, Set<String> groups, String forbidden) {
    public Requirement {
      groups = Set.copyOf(groups);
    }

    /** Whether {@code principal} meets it (an authenticated one; anonymous clients need {@link #open}). */
    public boolean admits(Principal principal) {
      return open || groups.isEmpty() || principal.inAnyOf(groups);
    }
  }

  private static final Requirement OPEN = new Requirement(true, Set.of(), "");
  private static final Requirement ANY = new Requirement(false, Set.of(), "");
  private static final Requirement ADMIN = new Requirement(false, Set.of(ADMIN_GROUP),
      "forbidden: the admin API needs a principal in group " + ADMIN_GROUP);

  private final AccessSettings settings;

  public AccessPolicy(AccessSettings settings) {
    this.settings = settings;
  }

  /** What {@code resource} requires. */
  public Requirement requirement(Resource resource) {
    if (resource instanceof Resource.Module module) {
      return module(module.path());
    }
    if (resource instanceof Resource.Admin) {
      return ADMIN;
    }
    return settings.anonymous() == Anonymous.PUBLIC ? OPEN : ANY;
  }

  private Requirement module(String path) {
    for (AccessRule rule : settings.rules()) {
      if (rule.matches(path)) {
        return new Requirement(false, rule.groups(), "forbidden: not in a group that may read this module");
      }
    }
    if (settings.privateModules().matches(path) || settings.noproxyModules().matches(path)) {
      return ANY;
    }
    return settings.anonymous() == Anonymous.PUBLIC ? OPEN : ANY;
  }
}
