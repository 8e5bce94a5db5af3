/**
 * The users file of {@code auth.users-file}: its YAML ({@code users: [{name, token-sha256,
 * groups}]}) read and checked strictly ({@link io.goproxymirror.mirror.auth.users.UsersFile}), the
 * immutable set of users with the constant-time token checks ({@link
 * io.goproxymirror.mirror.auth.users.Users}), the hot-reloading holder ({@link
 * io.goproxymirror.mirror.auth.users.UsersSource}) and the making of new tokens ({@link
 * io.goproxymirror.mirror.auth.users.NewToken}). Tokens are never kept: only their SHA-256.
 *
 * <p>Depends on Jackson (YAML), Vert.x core, Micrometer, SLF4J and {@code mirror.rx}; nothing of
 * the mirror's request path.
 */
package io.goproxymirror.mirror.auth.users;
