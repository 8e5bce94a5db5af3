/**
 * The direct source: modules built from Git with JGit (repository discovery, credentials, bare
 * repositories, tags and pseudo-versions, module zips byte-exact with the go command). Blocking
 * work runs on the bounded Git worker pool. This package builds versions and zips ({@code
 * DirectSource}, offered to the miss pipeline as an {@code ArtifactSource} by {@code GitSource});
 * {@code fetch.git.locate} finds a module's repository and {@code fetch.git.transport} talks to Git
 * servers.
 *
 * <p>With its sub-packages, the only package that imports JGit. Depends on {@code config}, {@code
 * errors}, {@code metrics}, {@code modzip}, {@code protocol}, {@code store}, {@code fetch} (the
 * {@code ArtifactSource} vocabulary, and for {@code transport} its URL helpers) and its
 * sub-packages {@code locate} and {@code transport} (which never depend back on it); {@code fetch}
 * never depends on it.
 */
package io.goproxymirror.mirror.fetch.git;
