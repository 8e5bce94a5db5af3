package io.goproxymirror.mirror.store;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Immutable blob storage keyed by the GOPROXY URL layout relative to the proxy root, for example
 * {@code github.com/!azure/go-autorest/@v/v0.11.28.zip} or {@code github.com/pkg/errors/@v/list}.
 *
 * <p>Contract (see {@code BlobStoreContract}): readers never observe a partial blob; a key that
 * escapes the store root (absolute, {@code ..}, backslash, NUL, empty element) is rejected with
 * {@link IllegalArgumentException} before any I/O; leftovers of a crashed or failed write are never
 * visible. All methods are cold and do their I/O on the store's blocking scheduler. Failures of the
 * storage itself are {@link java.io.IOException}s; a remote store's are {@link
 * BlobStoreException}s that say what kind of failure it was.
 */
public interface BlobStore {

  /** Size of a stored blob, or empty when the key is absent. */
  Maybe<Long> size(String key);

  /** The whole blob, or empty when absent; fails if it is larger than {@code maxBytes}. */
  Maybe<byte[]> read(String key, long maxBytes);

  /**
   * The blob opened for streaming: its size and its bytes, or empty when absent. For serving a
   * blob that has no {@link #localFile} (or whose size rules out {@link #read}); the caller owns
   * the {@link BlobContent} and must consume or close it. Opening is I/O on the store's scheduler;
   * the bytes are read later, as the caller pulls them.
   */
  Maybe<BlobContent> open(String key);

  /**
   * The local file behind a key, for zero-copy serving (sendfile), when this store keeps blobs on a
   * local file system; empty for a remote store (serve those with {@link #open}). Pure path
   * computation: says nothing about whether the blob exists. A bad key throws {@link
   * IllegalArgumentException} even when the answer would be empty.
   */
  Optional<Path> localFile(String key);

  /**
   * Stores the complete, already verified file {@code staged} (created by {@link StagingArea})
   * under {@code key}, atomically: the blob becomes visible whole or not at all (a file store
   * renames it into place after an fsync, S3 publishes an object only when its upload completes).
   * The staged file is consumed (deleted) once stored; after a failure it is left to the caller.
   * Storing a key that already exists replaces it atomically (callers only do so for mutable
   * blobs such as {@code list}).
   */
  Completable put(String key, Path staged);

  /** Stores {@code bytes} under {@code key} with the same atomicity as {@link #put}. */
  Completable putBytes(String key, byte[] bytes);
}
