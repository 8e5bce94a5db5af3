package io.goproxymirror.mirror.store.s3;

import io.goproxymirror.mirror.store.BlobStoreException;
import io.goproxymirror.mirror.store.BlobStoreFailure;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CancellationException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns the SDK's exceptions into {@link BlobStoreException}s whose kind callers can act on and
 * whose one-line message says what failed where: the operation, the object, the S3 error code and
 * status, and a hint for configuration problems. A failure to read the staged file during an
 * upload comes out as its {@link StagedFileException}; other failures pass through unchanged.
 */
final class S3Failures {
  private static final String CREDENTIALS_HINT =
      "check the credentials (storage.s3.access-key-env and secret-key-env, or AWS_ACCESS_KEY_ID and"
          + " AWS_SECRET_ACCESS_KEY) and that they may read and write the bucket";

  private S3Failures() {}

  /** Whether {@code e} is S3's answer that the object does not exist. */
  static boolean isNotFound(Throwable e) {
    return e instanceof S3Exception s3 && s3.statusCode() == 404 && !isNoSuchBucket(s3);
  }

  /**
   * A failed HeadBucket: as {@link #translate}, except that a 404 (which has no body, hence no
   * error code) means the bucket does not exist.
   */
  static Exception bucketCheck(RuntimeException e, String where) {
    if (e instanceof S3Exception s3 && s3.statusCode() == 404) {
      return new BlobStoreException(BlobStoreFailure.NO_SUCH_BUCKET,
          "S3 HEAD " + where + ": the bucket does not exist (HTTP 404); check storage.s3.bucket", e);
    }
    return translate(e, "HEAD", where);
  }

  /** A failure while a GET body streams: a stalled read is a timeout, anything else unavailability. */
  static BlobStoreException bodyFailure(IOException e, String where) {
    if (hasCause(e, SocketTimeoutException.class)) {
      return new BlobStoreException(BlobStoreFailure.TIMEOUT,
          "S3 GET " + where + ": the body stalled (storage.s3.timeout)", e);
    }
    return new BlobStoreException(BlobStoreFailure.UNAVAILABLE,
        "S3 GET " + where + ": the body broke off: " + firstLine(e.getMessage()), e);
  }

  /**
   * @param operation such as {@code PUT}, {@code GET}, {@code HEAD}
   * @param where the object or bucket, such as {@code s3://bucket/key at http://host:9000}
   */
  static Exception translate(RuntimeException e, String operation, String where) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof StagedFileException local) {
        return local;
      }
    }
    String what = "S3 " + operation + " " + where;
    if (e instanceof S3Exception s3) {
      int status = s3.statusCode();
      String code = code(s3);
      String detail = " (" + (code == null ? "" : code + ", ") + "HTTP " + status + ")";
      if (status == 401 || status == 403) {
        return new BlobStoreException(BlobStoreFailure.ACCESS_DENIED,
            what + ": access denied" + detail + "; " + CREDENTIALS_HINT, e);
      }
      if (isNoSuchBucket(s3)) {
        return new BlobStoreException(BlobStoreFailure.NO_SUCH_BUCKET,
            what + ": the bucket does not exist" + detail + "; check storage.s3.bucket", e);
      }
      if (status >= 500 || status == 429) {
        return new BlobStoreException(BlobStoreFailure.UNAVAILABLE, what + ": server error" + detail, e);
      }
      return new BlobStoreException(BlobStoreFailure.REJECTED, what + ": rejected" + detail, e);
    }
    if (e instanceof CancellationException) { // the attempt timed out while waiting for a pooled connection
      return new BlobStoreException(BlobStoreFailure.TIMEOUT,
          what + ": timed out waiting for a connection (storage.s3.timeout)", e);
    }
    if (e instanceof ApiCallAttemptTimeoutException || e instanceof ApiCallTimeoutException
        || e instanceof SdkClientException && hasCause(e, SocketTimeoutException.class)) {
      return new BlobStoreException(BlobStoreFailure.TIMEOUT,
          what + ": timed out (storage.s3.timeout)", e);
    }
    if (e instanceof SdkClientException) {
      return new BlobStoreException(BlobStoreFailure.UNAVAILABLE,
          what + ": cannot reach S3: " + firstLine(e.getMessage()), e);
    }
    if (e instanceof SdkException) {
      return new BlobStoreException(BlobStoreFailure.UNAVAILABLE,
          what + ": " + firstLine(e.getMessage()), e);
    }
    return e;
  }

  private static boolean isNoSuchBucket(S3Exception e) {
    return e instanceof NoSuchBucketException || "NoSuchBucket".equals(code(e));
  }

  private static String code(S3Exception e) {
    AwsErrorDetails details = e.awsErrorDetails();
    return details == null ? null : details.errorCode();
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
