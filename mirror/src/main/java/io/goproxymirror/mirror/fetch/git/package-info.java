/**
 * The direct source: modules built from Git with JGit (repository discovery, credentials, bare
 * repositories, tags and pseudo-versions, module zips byte-exact with the go command). Blocking
 * work runs on the bounded Git worker pool.
 *
 * <p>The only package that imports JGit. Depends on {@code config}, {@code errors}, {@code metrics},
 * {@code modzip}, {@code protocol} and {@code fetch}.
 */
package io.goproxymirror.mirror.fetch.git;
