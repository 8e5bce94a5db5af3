/**
 * Talking to Git servers with JGit: credentials, isolated Git and SSH configuration, remote
 * listings, bare repository mirrors and their fetch deadlines.
 *
 * <p>Depends on {@code errors}, {@code fetch}, {@code metrics} and {@code modzip}; nothing else in
 * {@code fetch.git}.
 */
package io.goproxymirror.mirror.fetch.git.transport;
