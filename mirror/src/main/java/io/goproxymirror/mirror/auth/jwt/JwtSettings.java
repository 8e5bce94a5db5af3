package io.goproxymirror.mirror.auth.jwt;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@code auth.jwt} configures, plus the bounds of the key fetching.
 *
 * @param issuer the required {@code iss}
 * @param jwksUrl where the issuer's keys are (http or https)
 * @param audience the audience that {@code aud} must contain
 * @param groupsClaim the claim holding the groups: a string or a list of strings
 * @param limits clock skew and key-fetching bounds
 */
public record JwtSettings(String issuer, URI jwksUrl, String audience, String groupsClaim, Limits limits) {
  public JwtSettings {
    Objects.requireNonNull(limits, "limits");
    if (issuer == null || issuer.isBlank() || audience == null || audience.isBlank()
        || groupsClaim == null || groupsClaim.isBlank()) {
      throw new IllegalArgumentException("auth.jwt needs issuer, audience and groups-claim");
    }
    String scheme = jwksUrl == null ? null : jwksUrl.getScheme();
    if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme) || jwksUrl.getHost() == null) {
      throw new IllegalArgumentException("auth.jwt.jwks-url must be an http or https URL");
    }
  }

  /** The settings with the default {@link Limits}. */
  public static JwtSettings of(String issuer, URI jwksUrl, String audience, String groupsClaim) {
    return new JwtSettings(issuer, jwksUrl, audience, groupsClaim, Limits.DEFAULT);
  }

  /**
   * Bounds of the JWT checks and of the key fetching.
   *
   * @param clockSkew how far {@code exp} and {@code nbf} may be off (60 s)
   * @param fetchTimeout the whole JWKS request, connection included (10 s)
   * @param maxJwksBytes the largest JWKS body accepted (256 KiB)
   * @param minRefreshInterval the least time between two fetches for an unknown {@code kid} (60 s)
   * @param maxKeyAge when cached keys are fetched again before use (1 h)
   */
  public record Limits(Duration clockSkew, Duration fetchTimeout, int maxJwksBytes, Duration minRefreshInterval,
      Duration maxKeyAge) {
    public static final Limits DEFAULT = new Limits(Duration.ofSeconds(60), Duration.ofSeconds(10), 256 * 1024,
        Duration.ofSeconds(60), Duration.ofHours(1));

    public Limits {
      if (clockSkew.isNegative() || fetchTimeout.isNegative() || fetchTimeout.isZero() || maxJwksBytes <= 0
          || minRefreshInterval.isNegative() || maxKeyAge.isNegative() || maxKeyAge.isZero()) {
        throw new IllegalArgumentException("JWT limits must be positive");
      }
    }
  }
}
