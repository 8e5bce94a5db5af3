/**
 * The users file of {@code auth.users-file}: its YAML ({@code users: [{name, token-sha256,
 * groups}]}) read and checked strictly ({@code UsersFile}), the immutable set of users with the
 * constant-time token checks ({@code Users}), the hot-reloading holder ({@code UsersSource}) and
 * the making of new tokens ({@code NewToken}). Tokens are never kept: only their SHA-256.
 *
 * <p>Depends on Jackson (YAML), Vert.x core, Micrometer, RxJava, SLF4J and {@code mirror.rx};
 * nothing of the mirror's request path.
 */
package io.goproxymirror.mirror.auth.users;
