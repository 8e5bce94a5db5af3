/**
 * Who may read what (issue 13): credentials from the {@code Authorization} header ({@code
 * AuthorizationHeader}), checked against the users file or as a JWT ({@code Authenticator}, with a
 * short-lived {@code CredentialCache}), the access rules ({@code AccessPolicy}), the throttle of
 * repeated failures per client address ({@code FailureThrottle}) and their metrics ({@code
 * AuthMetrics}), combined by {@code AccessGate} into one {@code AccessDecision} per request and
 * assembled from plain settings ({@code AuthSettings}) by {@code AccessControl}.
 *
 * <p>Depends on {@code auth.users}, {@code auth.jwt}, {@code mirror.rx}, {@code config}'s {@code
 * PathPatterns}, Caffeine, Micrometer, RxJava, Vert.x core and SLF4J. It knows no HTTP router: the
 * caller passes the header, the client address and the {@code Resource}, and turns the decision
 * into a response.
 */
package io.goproxymirror.mirror.auth;
