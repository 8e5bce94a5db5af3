package io.goproxymirror.config.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code auth.*}: client authentication and per-pattern read access.
 *
 * @param usersFile {@code auth.users-file} (env {@code MIRROR_AUTH_USERS_FILE}): the users file
 *     (YAML, {@code users: [{name, token-sha256, groups}]}), checked to be a readable file here and
 *     parsed by the mirror at start; reloaded when it changes. Empty (the default): no users.
 * @param usersFileCheck {@code auth.users-file-check} (env {@code MIRROR_AUTH_USERS_FILE_CHECK}):
 *     how often the users file is checked for changes (default 10s)
 * @param anonymous {@code auth.anonymous} (env {@code MIRROR_AUTH_ANONYMOUS}): {@code public}, the
 *     default, or {@code none}
 * @param rules {@code auth.rules} (file only): first match wins
 * @param jwt {@code auth.jwt.*}: present when issuer, jwks-url and audience are all set
 * @param throttle {@code auth.failure-burst} and {@code auth.failure-cooldown}
 */
public record AuthConfig(Optional<Path> usersFile, Duration usersFileCheck, AnonymousAccess anonymous,
    List<AuthRule> rules, Optional<JwtConfig> jwt, Throttle throttle) {
  /**
   * The throttle of repeated authentication failures from one client address.
   *
   * @param burst {@code auth.failure-burst} (env {@code MIRROR_AUTH_FAILURE_BURST}): failed
   *     authentications one client address may have before it gets 429 (default 10)
   * @param cooldown {@code auth.failure-cooldown} (env {@code MIRROR_AUTH_FAILURE_COOLDOWN}): how
   *     long after its last failure a throttled address is refused (default 60s)
   */
  public record Throttle(int burst, Duration cooldown) {
    public Throttle {
      Objects.requireNonNull(cooldown, "cooldown");
    }
  }

  public AuthConfig {
    Objects.requireNonNull(usersFile, "usersFile");
    Objects.requireNonNull(usersFileCheck, "usersFileCheck");
    Objects.requireNonNull(anonymous, "anonymous");
    rules = List.copyOf(rules);
    Objects.requireNonNull(jwt, "jwt");
    Objects.requireNonNull(throttle, "throttle");
  }

  /**
   * Whether access control has anything to do: a users file, JWTs, a rule or {@code anonymous:
   * none}. Without, the mirror serves everyone as it always did, and checks nothing per request.
   */
  public boolean configured() {
    return usersFile.isPresent() || jwt.isPresent() || !rules.isEmpty() || anonymous == AnonymousAccess.NONE;
  }

  /** Whether clients can present credentials at all: a users file or JWTs. */
  public boolean acceptsCredentials() {
    return usersFile.isPresent() || jwt.isPresent();
  }
}
