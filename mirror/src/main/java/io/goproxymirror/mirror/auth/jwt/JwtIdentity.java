package io.goproxymirror.mirror.auth.jwt;

import java.time.Instant;
import java.util.Set;

/**
 * Who a verified JWT names.
 *
 * @param subject the {@code sub} claim, or {@code "jwt"} when it has none
 * @param groups the values of the groups claim
 * @param expiresAt the {@code exp} claim: no cache may keep the identity past it
 */
public record JwtIdentity(String subject, Set<String> groups, Instant expiresAt) {
  public JwtIdentity {
    groups = Set.copyOf(groups);
  }
}
