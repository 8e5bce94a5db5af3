package io.goproxymirror.mirror.store.s3;

import java.io.IOException;

/**
 * The staged file could not be read while it was being uploaded (gone, unreadable, or shorter than
 * when the upload began): a local failure, not one of S3, reported as such.
 */
final class StagedFileException extends IOException {
  private static final long serialVersionUID = 1L;

  StagedFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
