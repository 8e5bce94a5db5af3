package io.goproxymirror.config.auth;

import java.net.URI;
import java.util.Objects;

/**
 * {@code auth.jwt.*}: OIDC ID tokens (JWTs) of CI runners accepted as credentials.
 *
 * @param issuer {@code auth.jwt.issuer}: the required {@code iss}
 * @param jwksUrl {@code auth.jwt.jwks-url}: where the issuer's signing keys are (http or https)
 * @param audience {@code auth.jwt.audience}: the value {@code aud} must contain
 * @param groupsClaim {@code auth.jwt.groups-claim}: the claim (a string or a list of strings)
 *     holding the principal's groups
 */
public record JwtConfig(String issuer, URI jwksUrl, String audience, String groupsClaim) {
  public JwtConfig {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(jwksUrl, "jwksUrl");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(groupsClaim, "groupsClaim");
  }
}
