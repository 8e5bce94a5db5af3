/**
 * Finding the Git repository of a module path: known hosting sites, {@code go-get=1} pages and
 * their {@code go-import} tags, repository templates and URL rewrites.
 *
 * <p>Depends on {@code errors} only; nothing else in {@code fetch.git}.
 */
package io.goproxymirror.mirror.fetch.git.locate;
