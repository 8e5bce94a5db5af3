package io.goproxymirror.mirror.store;

import java.io.IOException;
import java.util.Objects;

/**
 * A remote blob store failed: its {@link #failure} says how. The message is one line naming the
 * operation, the object and the storage's error code; it never holds a credential.
 */
public final class BlobStoreException extends IOException {
  private static final long serialVersionUID = 1L;

  private final BlobStoreFailure failure;

  /**
   * @param failure the kind of failure
   * @param message one line, without credentials
   * @param cause the storage client's exception
   */
  public BlobStoreException(BlobStoreFailure failure, String message, Throwable cause) {
    super(message, cause);
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  /** The kind of failure. */
  public BlobStoreFailure failure() {
    return failure;
  }
}
