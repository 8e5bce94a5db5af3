package io.goproxymirror.mirror.errors;

/**
 * 503: the metadata store cannot answer now (a shared store such as Redis is unreachable, refuses
 * the credentials or did not answer within its command timeout). The message says which, in words
 * safe for a client; the cause, for the log, holds the details.
 */
public final class MetadataUnavailableException extends MirrorException {
  public MetadataUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 503;
  }
}
