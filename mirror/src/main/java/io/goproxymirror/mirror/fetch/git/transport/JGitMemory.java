package io.goproxymirror.mirror.fetch.git.transport;

import org.eclipse.jgit.storage.file.WindowCacheConfig;

/**
 * Bounds JGit's process-wide memory: pack windows to 64 MiB in all, and blobs over 16 MiB are
 * streamed instead of loaded whole, so a zip build holds at most that much of one file at a time.
 */
public final class JGitMemory {
  private static final long PACK_WINDOWS = 64L * 1024 * 1024;
  private static final int STREAM_THRESHOLD = 16 * 1024 * 1024;

  private JGitMemory() {}

  /** Installs the bounds (idempotent). */
  public static void bound() {
    WindowCacheConfig cache = new WindowCacheConfig();
    cache.setPackedGitLimit(PACK_WINDOWS);
    cache.setStreamFileThreshold(STREAM_THRESHOLD);
    cache.install();
  }
}
