package io.goproxymirror.mirror.fetch;

/**
 * The steps every leaf source's output goes through before the upstream list may hand it out (so
 * that a {@code |} entry can fall through on any of them): verify, store, record. Composed in
 * {@code Pipeline}.
 */
@FunctionalInterface
public interface Finishing {
  /** {@code leaf} with the finishing decorators around it. */
  ArtifactSource around(ArtifactSource leaf);
}
