/**
 * {@code auth.*}: who may read what (issue 13). The users file's path and the checks that it is a
 * readable file ({@code AuthValues}), {@code auth.anonymous} ({@code AnonymousAccess}), the rules of
 * {@code auth.rules} ({@code AuthRule}, read by {@code AuthRules}), {@code auth.jwt.*} ({@code
 * JwtConfig}) and the failure throttle, gathered in {@code AuthConfig}. The mirror parses the users
 * file and verifies credentials; this package only checks the configuration.
 *
 * <p>Depends on {@code config.source}, {@code config.value} and {@code gomod}'s {@code
 * PathPatterns}.
 */
package io.goproxymirror.config.auth;
