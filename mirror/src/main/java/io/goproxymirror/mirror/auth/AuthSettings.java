package io.goproxymirror.mirror.auth;

import io.goproxymirror.mirror.auth.jwt.JwtSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code auth.*} configures, as {@link AccessControl#start} takes it.
 *
 * @param usersFile {@code auth.users-file}, if set
 * @param usersCheckInterval how often the users file is checked for changes (such as 10 s)
 * @param access {@code auth.anonymous}, {@code auth.rules}, {@code private} and {@code noproxy}
 * @param jwt {@code auth.jwt}, if set
 * @param throttle the failure throttle ({@link FailureThrottle.Settings#DEFAULT})
 * @param cache the validated-credentials cache ({@link CredentialCache.Settings#DEFAULT})
 */
public record AuthSettings(Optional<Path> usersFile, Duration usersCheckInterval, AccessSettings access,
    Optional<JwtSettings> jwt, FailureThrottle.Settings throttle, CredentialCache.Settings cache) {
  /** How often the users file is checked by default. */
  public static final Duration DEFAULT_USERS_CHECK = Duration.ofSeconds(10);

  public AuthSettings {
    Objects.requireNonNull(usersFile, "usersFile");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(jwt, "jwt");
    Objects.requireNonNull(throttle, "throttle");
    Objects.requireNonNull(cache, "cache");
    if (usersCheckInterval.isNegative() || usersCheckInterval.isZero()) {
      throw new IllegalArgumentException("the users-file check interval must be positive");
    }
  }

  /** The settings with the default check interval, throttle and cache. */
  public static AuthSettings of(Optional<Path> usersFile, AccessSettings access, Optional<JwtSettings> jwt) {
    return new AuthSettings(usersFile, DEFAULT_USERS_CHECK, access, jwt, FailureThrottle.Settings.DEFAULT,
        CredentialCache.Settings.DEFAULT);
  }
}
