package io.goproxymirror.sync.port;

/** How a prefetch ended when it succeeded. */
public enum PrefetchResult {
  /** The version was fetched and stored now. */
  STORED,
  /** Every artifact of the version was stored already. */
  ALREADY_STORED
}
