package io.goproxymirror.mirror.auth;

import io.goproxymirror.mirror.auth.jwt.JwtRejection;

/**
 * Why a request was not authenticated; {@link #tag()} is the {@code reason} of {@code
 * goproxy_mirror_auth_failures_total}. {@link #clientText()} is safe to send to the client.
 */
public enum FailureReason {
  MISSING("missing", "authentication required"),
  TOO_LONG("too_long", "the Authorization header is too long"),
  MALFORMED("malformed", "malformed Authorization header"),
  UNSUPPORTED_SCHEME("unsupported_scheme", "unsupported authorization scheme (use Basic or Bearer)"),
  UNKNOWN_USER("unknown_user", "unknown user or wrong token"),
  WRONG_TOKEN("wrong_token", "unknown user or wrong token"),
  JWT_MALFORMED("jwt_malformed", "JWT refused: malformed or without exp"),
  JWT_ALGORITHM("jwt_algorithm", "JWT refused: algorithm not accepted"),
  JWT_UNKNOWN_KID("jwt_unknown_kid", "JWT refused: unknown signing key"),
  JWT_SIGNATURE("jwt_signature", "JWT refused: bad signature"),
  JWT_ISSUER("jwt_issuer", "JWT refused: wrong issuer"),
  JWT_AUDIENCE("jwt_audience", "JWT refused: wrong audience"),
  JWT_EXPIRED("jwt_expired", "JWT refused: expired"),
  JWT_NOT_YET_VALID("jwt_not_yet_valid", "JWT refused: not valid yet"),
  JWKS_UNAVAILABLE("jwks_unavailable", "JWT cannot be checked now: the issuer's keys are unavailable"),
  THROTTLED("throttled", "too many failed authentication attempts from this address");

  private final String tag;
  private final String clientText;

  FailureReason(String tag, String clientText) {
    this.tag = tag;
    this.clientText = clientText;
  }

  /** The metric tag value. */
  public String tag() {
    return tag;
  }

  /** A short text for the client's one line; names nothing secret. */
  public String clientText() {
    return clientText;
  }

  /** Whether the client is to blame, so that the failure counts towards its throttle. */
  public boolean countsAgainstClient() {
    return this != MISSING && this != JWKS_UNAVAILABLE && this != THROTTLED;
  }

  /** The reason of a refused JWT. */
  public static FailureReason of(JwtRejection rejection) {
    return switch (rejection) {
      case MALFORMED -> JWT_MALFORMED;
      case ALGORITHM -> JWT_ALGORITHM;
      case UNKNOWN_KEY -> JWT_UNKNOWN_KID;
      case SIGNATURE -> JWT_SIGNATURE;
      case ISSUER -> JWT_ISSUER;
      case AUDIENCE -> JWT_AUDIENCE;
      case EXPIRED -> JWT_EXPIRED;
      case NOT_YET_VALID -> JWT_NOT_YET_VALID;
      case KEYS_UNAVAILABLE -> JWKS_UNAVAILABLE;
    };
  }
}
