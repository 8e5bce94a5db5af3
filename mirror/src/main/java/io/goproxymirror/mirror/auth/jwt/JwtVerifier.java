package io.goproxymirror.mirror.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.reactivex.rxjava3.core.Single;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies a JWT bearer token: signed (RS256/384/512, PS256/384/512 or ES256/384/512, never HMAC
 * or {@code none}) by a key of the issuer's JWKS that matches its header ({@code kid}, key type,
 * curve, use), issued by the configured issuer for the configured audience, and within {@code
 * nbf}..{@code exp} give or take the clock skew; {@code exp} is required. The cryptography is Nimbus
 * JOSE+JWT's. A {@code kid} not among the cached keys makes the {@link JwksCache} fetch again (at
 * most once per interval) before the token is refused.
 */
public final class JwtVerifier {
  private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
      JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
      JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
      JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

  private final JwtSettings settings;
  private final JwksCache keys;
  private final Clock clock;
  private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();

  public JwtVerifier(JwtSettings settings, JwksCache keys, Clock clock) {
    this.settings = settings;
    this.keys = keys;
    this.clock = clock;
  }

  /** Whether {@code token} has the shape of a JWS (three dot-separated parts); cheap, checks nothing. */
  public static boolean looksLikeJwt(String token) {
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    return first > 0 && second > first + 1 && token.indexOf('.', second + 1) < 0 && second < token.length() - 1;
  }

  /** Who {@code token} names; fails with a {@link JwtRejectedException} if it is not acceptable. */
  public Single<JwtIdentity> verify(String token) {
    return Single.defer(() -> {
      SignedJWT jwt = parse(token);
      JWSHeader header = jwt.getHeader();
      if (!ALGORITHMS.contains(header.getAlgorithm())) {
        throw reject(JwtRejection.ALGORITHM, "signed with an algorithm the mirror does not accept (RS*, PS*, ES*)");
      }
      JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
      return keys.keys()
          .flatMap(set -> candidates(set, matcher).isEmpty()
              ? keys.refreshForUnknownKey().defaultIfEmpty(set) : Single.just(set))
          .map(set -> check(jwt, candidates(set, matcher)));
    });
  }

  private static List<JWK> candidates(JWKSet set, JWKMatcher matcher) {
    return matcher == null ? List.of() : new JWKSelector(matcher).select(set);
  }

  private JwtIdentity check(SignedJWT jwt, List<JWK> candidates) {
    if (candidates.isEmpty()) {
      throw reject(JwtRejection.UNKNOWN_KEY, "signed by a key the issuer's JWKS does not hold");
    }
    if (!signedByOneOf(jwt, candidates)) {
      throw reject(JwtRejection.SIGNATURE, "the signature does not verify");
    }
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw reject(JwtRejection.MALFORMED, "its claims are not a JSON object");
    }
    if (!settings.issuer().equals(claims.getIssuer())) {
      throw reject(JwtRejection.ISSUER, "not issued by " + settings.issuer());
    }
    if (claims.getAudience() == null || !claims.getAudience().contains(settings.audience())) {
      throw reject(JwtRejection.AUDIENCE, "not meant for the audience " + settings.audience());
    }
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw reject(JwtRejection.MALFORMED, "it has no exp claim");
    }
    if (!exp.toInstant().plus(settings.limits().clockSkew()).isAfter(now)) {
      throw reject(JwtRejection.EXPIRED, "it has expired");
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && nbf.toInstant().minus(settings.limits().clockSkew()).isAfter(now)) {
      throw reject(JwtRejection.NOT_YET_VALID, "it is not valid yet (nbf)");
    }
    String subject = claims.getSubject() == null || claims.getSubject().isBlank() ? "jwt" : claims.getSubject();
    return new JwtIdentity(subject, groups(claims.getClaim(settings.groupsClaim())), exp.toInstant());
  }

  private boolean signedByOneOf(SignedJWT jwt, List<JWK> candidates) {
    for (JWK jwk : candidates) {
      try {
        JWSVerifier verifier = verifiers.createJWSVerifier(jwt.getHeader(), ((AsymmetricJWK) jwk).toPublicKey());
        if (jwt.verify(verifier)) {
          return true;
        }
      } catch (JOSEException | ClassCastException e) {
        // A key that cannot verify this token is simply not its key; the next is tried.
      }
    }
    return false;
  }

  /** A string claim is one group, a list of strings several; anything else none. */
  private static Set<String> groups(Object claim) {
    Set<String> groups = new LinkedHashSet<>();
    if (claim instanceof String s && !s.isBlank()) {
      groups.add(s);
    } else if (claim instanceof Collection<?> list) {
      list.stream().filter(String.class::isInstance).map(String.class::cast).filter(s -> !s.isBlank())
          .forEach(groups::add);
    }
    return groups;
  }

  private static SignedJWT parse(String token) {
    try {
      return SignedJWT.parse(token);
    } catch (ParseException | IllegalArgumentException e) {
      throw reject(JwtRejection.MALFORMED, "not a signed JWT");
    }
  }

  private static JwtRejectedException reject(JwtRejection reason, String why) {
    return new JwtRejectedException(reason, "JWT refused: " + why);
  }
}
