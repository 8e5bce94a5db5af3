package io.goproxymirror.mirror.errors;

import java.io.IOException;
import java.util.Locale;

/**
 * 507: the data directory's file system has no room for what a miss would store (it is below
 * {@code storage.min-free}, or a write failed with "no space left"). Answered with
 * {@code Retry-After}; hits are still served.
 */
public final class StorageFullException extends MirrorException {
  public StorageFullException(String message) {
    super(message);
  }

  public StorageFullException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 507;
  }

  /**
   * Whether {@code failure} (or one of its causes) says the file system is full: a {@link
   * StorageFullException}, or an I/O error whose message is the system's "no space left on device"
   * (ENOSPC) or "disk quota exceeded" (EDQUOT).
   */
  public static boolean isCause(Throwable failure) {
    return Causes.first(failure, Throwable.class, StorageFullException::saysFull).isPresent();
  }

  private static boolean saysFull(Throwable t) {
    if (t instanceof StorageFullException) {
      return true;
    }
    String message = t.getMessage();
    if ((t instanceof IOException || t.getClass().getName().contains("FileSystem")
        || t.getClass().getName().contains("MVStore")) && message != null) {
      String lower = message.toLowerCase(Locale.ROOT);
      return lower.contains("no space left on device") || lower.contains("disk quota exceeded");
    }
    return false;
  }
}
