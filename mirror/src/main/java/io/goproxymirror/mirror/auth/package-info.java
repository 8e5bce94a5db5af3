/**
 * Who may read what (issue 13): credentials from the {@code Authorization} header ({@link
 * io.goproxymirror.mirror.auth.AuthorizationHeader}), checked against the users file or as a JWT
 * ({@link io.goproxymirror.mirror.auth.Authenticator}, with a short-lived {@link
 * io.goproxymirror.mirror.auth.CredentialCache}), the access rules ({@link
 * io.goproxymirror.mirror.auth.AccessPolicy}), the throttle of repeated failures per client
 * address ({@link io.goproxymirror.mirror.auth.FailureThrottle}) and their metrics ({@link
 * io.goproxymirror.mirror.auth.AuthMetrics}), combined by {@link
 * io.goproxymirror.mirror.auth.AccessGate} into one {@link io.goproxymirror.mirror.auth.AccessDecision}
 * per request and assembled from plain settings by {@link io.goproxymirror.mirror.auth.AccessControl}.
 *
 * <p>Depends on {@code auth.users}, {@code auth.jwt}, {@code mirror.rx}, {@code config}'s {@code
 * PathPatterns}, Caffeine, Micrometer, RxJava, Vert.x core and SLF4J; it knows no HTTP router:
 * the caller passes the header, the client address and the {@link
 * io.goproxymirror.mirror.auth.Resource}, and turns the decision into a response.
 */
package io.goproxymirror.mirror.auth;
