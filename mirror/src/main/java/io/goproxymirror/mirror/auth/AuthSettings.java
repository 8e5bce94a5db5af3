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
}
