package io.goproxymirror.mirror.auth.jwt;

/** Why a JWT was refused; {@link #tag()} is a low-cardinality metric tag value. */
public enum JwtRejection {
  /** Not a signed JWT, or its claims are not a JSON object, or it has no {@code exp}. */
  MALFORMED("jwt_malformed"),
  /** Signed with an algorithm other than RS*, PS* or ES*. */
  ALGORITHM("jwt_algorithm"),
  /** No key of the JWKS matches its {@code kid} and algorithm, also after a refresh. */
  UNKNOWN_KEY("jwt_unknown_kid"),
  /** The signature does not verify. */
  SIGNATURE("jwt_signature"),
  /** {@code iss} is not the configured issuer. */
  ISSUER("jwt_issuer"),
  /** {@code aud} does not contain the configured audience. */
  AUDIENCE("jwt_audience"),
  /** {@code exp} has passed (beyond the clock skew). */
  EXPIRED("jwt_expired"),
  /** {@code nbf} has not come yet (beyond the clock skew). */
  NOT_YET_VALID("jwt_not_yet_valid"),
  /** The JWKS could not be fetched and no keys are cached. */
  KEYS_UNAVAILABLE("jwks_unavailable");

  private final String tag;

  JwtRejection(String tag) {
    this.tag = tag;
  }

  /** The metric tag value, such as {@code jwt_expired}. */
  public String tag() {
    return tag;
  }
}
