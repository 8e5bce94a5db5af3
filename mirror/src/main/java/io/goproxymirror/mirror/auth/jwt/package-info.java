/**
 * JWT bearer credentials ({@code auth.jwt}): OIDC ID tokens of CI runners checked against the
 * issuer's JWKS. {@code JwtVerifier} verifies a token (signature by Nimbus JOSE+JWT, RS/PS/ES
 * algorithms only; {@code iss}, {@code aud}, {@code exp}/{@code nbf} with a small clock skew) and
 * reads its groups claim; {@code JwksCache} keeps the keys, fetched by {@code JwksClient} with the
 * Vert.x HTTP client (bounded time and size) and refreshed on an unknown {@code kid} at most once
 * per interval. Refusals are {@code JwtRejectedException}s with a {@code JwtRejection} reason; no
 * token or part of one is ever in a message.
 *
 * <p>Depends on Nimbus JOSE+JWT, Vert.x core, RxJava, SLF4J and {@code mirror.rx}.
 */
package io.goproxymirror.mirror.auth.jwt;
