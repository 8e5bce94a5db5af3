package io.goproxymirror.mirror.auth;

import io.goproxymirror.mirror.auth.jwt.JwksCache;
import io.goproxymirror.mirror.auth.jwt.JwksClient;
import io.goproxymirror.mirror.auth.jwt.JwtVerifier;
import io.goproxymirror.mirror.auth.users.Users;
import io.goproxymirror.mirror.auth.users.UsersSource;
import io.goproxymirror.mirror.rx.RxFutures;
import io.micrometer.core.instrument.MeterRegistry;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Access control assembled from {@link AuthSettings}: the users file loaded and watched, the JWT
 * verifier with its key cache, the credential cache, the throttle, the metrics and the {@link
 * AccessGate} that uses them. Wiring is {@code AccessControl.start(vertx, settings,
 * registry)} once, {@link #gate()}{@code .decide(request)} per request and {@link #stop()} at
 * shutdown.
 */
public final class AccessControl {
  private final AccessGate gate;
  private final Optional<UsersSource> users;
  private final Optional<JwksClient> jwks;

  private AccessControl(AccessGate gate, Optional<UsersSource> users, Optional<JwksClient> jwks) {
    this.gate = gate;
    this.users = users;
    this.jwks = jwks;
  }

  /**
   * Loads the users file (failing with its {@code UsersFileException} if it is missing or invalid)
   * and builds the rest; the JWKS is fetched on the first JWT.
   */
  public static Single<AccessControl> start(Vertx vertx, AuthSettings settings, MeterRegistry registry) {
    return Single.defer(() -> {
      Optional<UsersSource> users = settings.usersFile()
          .map(file -> new UsersSource(vertx, file, settings.usersCheckInterval(), registry));
      Completable loaded = users.map(UsersSource::start).orElse(Completable.complete());
      return loaded.toSingle(() -> assemble(vertx, settings, registry, users));
    });
  }

  private static AccessControl assemble(Vertx vertx, AuthSettings settings, MeterRegistry registry,
      Optional<UsersSource> users) {
    Clock clock = Clock.systemUTC();
    Optional<JwksClient> jwks = settings.jwt().map(jwt -> new JwksClient(vertx, jwt));
    Optional<JwtVerifier> verifier = settings.jwt().map(jwt -> new JwtVerifier(jwt,
        new JwksCache(jwks.orElseThrow()::fetch, jwt.limits(), clock), clock));
    Supplier<Users> current = users.<Supplier<Users>>map(source -> source).orElse(Users::empty);
    Authenticator authenticator = new Authenticator(current, verifier, new CredentialCache(settings.cache(), clock));
    AccessGate gate = new AccessGate(new AccessPolicy(settings.access()), authenticator,
        new FailureThrottle(settings.throttle()), new AuthMetrics(registry));
    return new AccessControl(gate, users, jwks);
  }

  /** The gate that decides each request. */
  public AccessGate gate() {
    return gate;
  }

  /** Stops watching the users file and closes the JWKS client. */
  public Completable stop() {
    return Completable.defer(() -> {
      users.ifPresent(UsersSource::stop);
      return jwks.map(client -> RxFutures.completable(client.close())).orElse(Completable.complete());
    });
  }
}
