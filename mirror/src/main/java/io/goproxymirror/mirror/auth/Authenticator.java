package io.goproxymirror.mirror.auth;

import io.goproxymirror.mirror.auth.jwt.JwtIdentity;
import io.goproxymirror.mirror.auth.jwt.JwtRejectedException;
import io.goproxymirror.mirror.auth.jwt.JwtVerifier;
import io.goproxymirror.mirror.auth.users.User;
import io.goproxymirror.mirror.auth.users.Users;
import io.reactivex.rxjava3.core.Single;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns an {@code Authorization} header into a {@link Principal}: Basic against the users file
 * (name and token), Bearer as a JWT when JWT is configured and the token has a JWT's shape, else as
 * a user token found by its hash. Successes are kept in the {@link CredentialCache}.
 */
public final class Authenticator {
  private final Supplier<Users> users;
  private final Optional<JwtVerifier> jwt;
  private final CredentialCache cache;

  /**
   * @param users the users in use (such as a {@code UsersSource})
   * @param jwt the JWT verifier, when {@code auth.jwt} is configured
   */
  public Authenticator(Supplier<Users> users, Optional<JwtVerifier> jwt, CredentialCache cache) {
    this.users = users;
    this.jwt = jwt;
    this.cache = cache;
  }

  /** Whether Bearer JWTs are accepted (then 401 answers also offer {@code Bearer}). */
  public boolean jwtEnabled() {
    return jwt.isPresent();
  }

  /** The principal {@code header} was recently validated as, if cached. */
  public Optional<Principal> cached(String header) {
    return cache.get(header, users.get());
  }

  /**
   * The principal of {@code header} when it can be had without waiting: a user's token, checked
   * against the users file (failing with an {@link AuthFailureException}); empty for a JWT, which
   * {@link #verifyJwt} verifies. Does not look in the cache: ask {@link #cached} first.
   */
  public Optional<Principal> checkNow(String header) {
    Credentials credentials = AuthorizationHeader.parse(header)
        .orElseThrow(() -> new AuthFailureException(FailureReason.MISSING));
    if (credentials instanceof Credentials.Bearer bearer && jwt.isPresent() && JwtVerifier.looksLikeJwt(bearer.token())) {
      return Optional.empty();
    }
    Users current = users.get();
    Principal principal = user(credentials, current);
    cache.put(header, principal, current, Optional.empty());
    return Optional.of(principal);
  }

  /**
   * The principal of a Bearer JWT {@code header}, the one case {@link #checkNow} leaves empty:
   * verified against the issuer's keys (fetched when not known yet) and then cached; fails with an
   * {@link AuthFailureException} naming the reason.
   */
  public Single<Principal> verifyJwt(String header) {
    return Single.defer(() -> {
      String token = ((Credentials.Bearer) AuthorizationHeader.parse(header).orElseThrow()).token();
      return jwt.orElseThrow().verify(token)
          .onErrorResumeNext(e -> Single.error(e instanceof JwtRejectedException r
              ? new AuthFailureException(FailureReason.of(r.reason())) : e))
          .map(identity -> remember(header, identity));
    });
  }

  private static Principal user(Credentials credentials, Users current) {
    Optional<User> user;
    FailureReason reason;
    if (credentials instanceof Credentials.Basic basic) {
      user = current.checkBasic(basic.name(), basic.token());
      reason = current.byName(basic.name()).isPresent() ? FailureReason.WRONG_TOKEN : FailureReason.UNKNOWN_USER;
    } else {
      user = current.checkBearer(((Credentials.Bearer) credentials).token());
      reason = FailureReason.WRONG_TOKEN;
    }
    return user.map(u -> new Principal(u.name(), u.groups(), Principal.Kind.USER))
        .orElseThrow(() -> new AuthFailureException(reason));
  }

  private Principal remember(String header, JwtIdentity identity) {
    Principal principal = new Principal(identity.subject(), identity.groups(), Principal.Kind.JWT);
    cache.put(header, principal, null, Optional.of(identity.expiresAt()));
    return principal;
  }
}
