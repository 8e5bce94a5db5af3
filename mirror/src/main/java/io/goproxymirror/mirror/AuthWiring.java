package io.goproxymirror.mirror;

import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.auth.AnonymousAccess;
import io.goproxymirror.config.auth.AuthConfig;
import io.goproxymirror.config.auth.JwtConfig;
import io.goproxymirror.mirror.access.AccessHandler;
import io.goproxymirror.mirror.auth.AccessControl;
import io.goproxymirror.mirror.auth.AccessLog;
import io.goproxymirror.mirror.auth.AccessRule;
import io.goproxymirror.mirror.auth.AccessSettings;
import io.goproxymirror.mirror.auth.Anonymous;
import io.goproxymirror.mirror.auth.AuthSettings;
import io.goproxymirror.mirror.auth.CredentialCache;
import io.goproxymirror.mirror.auth.FailureThrottle;
import io.goproxymirror.mirror.auth.jwt.JwtSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.reactivex.rxjava3.core.Completable;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access control from {@code auth.*}: started only when {@link AuthConfig#configured()} (else
 * nothing is checked and no handler is mounted, so requests pay nothing), stopped with the
 * process. A users file that is missing or invalid at start fails the start with its one-line
 * reason.
 */
final class AuthWiring {
  private static final Logger LOG = LoggerFactory.getLogger(AuthWiring.class);
  /** The users file is read on worker threads; the start waits for it at most this long. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  /** The most addresses the failure throttle remembers. */
  private static final long THROTTLED_ADDRESSES = 100_000;

  private final Optional<AccessControl> control;
  private final Optional<String> adminToken;

  private AuthWiring(Optional<AccessControl> control, Optional<String> adminToken) {
    this.control = control;
    this.adminToken = adminToken;
  }

  /** Starts access control when {@code auth.*} configures it; blocks until the users file is read. */
  static AuthWiring start(MirrorConfig config, Vertx vertx, MeterRegistry registry) {
    AuthConfig auth = config.auth();
    if (!auth.configured()) {
      return new AuthWiring(Optional.empty(), config.admin().token());
    }
    if (!auth.acceptsCredentials()) {
      LOG.warn("event=auth_no_credentials reason=\"auth.rules or auth.anonymous none are set but neither"
          + " auth.users-file nor auth.jwt: no client can authenticate, restricted modules answer 401\"");
    }
    AccessControl control = AccessControl.start(vertx, settings(config), registry)
        .timeout(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .blockingGet();
    LOG.info("event=auth_started anonymous={} rules={} users_file={} jwt={}",
        auth.anonymous().name().toLowerCase(Locale.ROOT), auth.rules().size(),
        auth.usersFile().map(Object::toString).orElse("-"), auth.jwt().map(JwtConfig::issuer).orElse("-"));
    return new AuthWiring(Optional.of(control), config.admin().token());
  }

  /** The settings {@link AccessControl} takes, from the configuration. */
  static AuthSettings settings(MirrorConfig config) {
    AuthConfig auth = config.auth();
    List<AccessRule> rules = auth.rules().stream()
        .map(rule -> new AccessRule(rule.pattern(), Set.copyOf(rule.groups())))
        .toList();
    AccessSettings access = new AccessSettings(anonymous(auth.anonymous()), rules, config.privatePatterns(),
        config.noproxyPatterns());
    Optional<JwtSettings> jwt = auth.jwt()
        .map(j -> JwtSettings.of(j.issuer(), j.jwksUrl(), j.audience(), j.groupsClaim()));
    FailureThrottle.Settings throttle = new FailureThrottle.Settings(auth.throttle().burst(),
        auth.throttle().cooldown(), THROTTLED_ADDRESSES);
    return new AuthSettings(auth.usersFile(), auth.usersFileCheck(), access, jwt, throttle,
        CredentialCache.Settings.DEFAULT);
  }

  private static Anonymous anonymous(AnonymousAccess access) {
    return access == AnonymousAccess.NONE ? Anonymous.NONE : Anonymous.PUBLIC;
  }

  /** The handler to mount before every route, when access control is on. */
  Optional<AccessHandler> handler() {
    return control.map(c -> new AccessHandler(c.gate(), new AccessLog(), adminToken));
  }

  /** Stops watching the users file and closes the JWKS client. */
  Completable stop() {
    return control.map(AccessControl::stop).orElse(Completable.complete());
  }
}
