package io.goproxymirror.mirror.store;

/** What kind of failure a {@link BlobStoreException} is, so callers can react without parsing text. */
public enum BlobStoreFailure {
  /** The storage refused the credentials or the permission (S3 401/403): a configuration problem. */
  ACCESS_DENIED,
  /** The bucket does not exist: a configuration problem. */
  NO_SUCH_BUCKET,
  /** The storage cannot be reached or answered with a server error; retrying later may work. */
  UNAVAILABLE,
  /** A request took longer than the configured timeout. */
  TIMEOUT,
  /** The storage rejected the request for another reason (an unexpected 4xx). */
  REJECTED
}
