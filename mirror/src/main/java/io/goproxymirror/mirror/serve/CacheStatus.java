package io.goproxymirror.mirror.serve;

/** How an answer was served, sent to clients as the {@code X-Cache} header. */
public enum CacheStatus {
  /** From storage or a fresh cached answer, no upstream contact. */
  HIT,
  /** Fetched from an upstream for this request. */
  MISS,
  /** A cached answer past its TTL, served because refreshing is under way or every source failed. */
  STALE
}
