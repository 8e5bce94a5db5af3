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
 * {@link IllegalArgumentException}; leftovers of a crashed write are never visible. All methods are
 * cold and do their I/O on the store's blocking scheduler.
 */
public interface BlobStore {

  /** Size of a stored blob, or empty when the key is absent. */
  Maybe<Long> size(String key);

  /** The whole blob, or empty when absent; fails if it is larger than {@code maxBytes}. */
  Maybe<byte[]> read(String key, long maxBytes);

  /**
   * The local file behind a key, for zero-copy serving (sendfile), when this store keeps blobs on a
   * local file system. Pure path computation: says nothing about whether the blob exists.
   */
  Optional<Path> localFile(String key);

  /**
   * Stores the complete, already verified file {@code staged} (created by {@link StagingArea})
   * under {@code key}, atomically: fsync, then rename into place. The staged file is consumed.
   * Storing a key that already exists replaces it atomically (callers only do so for mutable
   * blobs such as {@code list}).
   */
  Completable put(String key, Path staged);

  /** Stores {@code bytes} under {@code key} with the same atomicity as {@link #put}. */
  Completable putBytes(String key, byte[] bytes);
}
