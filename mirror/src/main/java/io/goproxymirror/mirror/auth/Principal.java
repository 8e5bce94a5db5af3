package io.goproxymirror.mirror.auth;

import java.util.Collection;
import java.util.Set;

/**
 * An authenticated client.
 *
 * @param name the user name, or the {@code sub} of a JWT
 * @param groups its groups
 * @param kind where it was authenticated
 */
public record Principal(String name, Set<String> groups, Kind kind) {
  /** Where a principal comes from. */
  public enum Kind {
    /** A user of the users file (Basic, or Bearer with the user's token). */
    USER,
    /** A verified JWT. */
    JWT
  }

  public Principal {
    groups = Set.copyOf(groups);
  }

  /** Whether it is in at least one of {@code wanted}. */
  public boolean inAnyOf(Collection<String> wanted) {
    for (String group : wanted) {
      if (groups.contains(group)) {
        return true;
      }
    }
    return false;
  }
}
