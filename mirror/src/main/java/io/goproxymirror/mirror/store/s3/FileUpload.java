package io.goproxymirror.mirror.store.s3;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Uploads a file to one object, streamed from disk: one PutObject up to the part size, a multipart
 * upload above it. S3 shows an object only when PutObject or CompleteMultipartUpload succeeds, so a
 * failed upload never leaves a partial object; a failed multipart upload is aborted so its parts do
 * not linger (if even the abort fails, a bucket lifecycle rule for incomplete multipart uploads
 * removes them). Blocking; parts go up one after the other.
 */
final class FileUpload {
  private static final Logger LOG = LoggerFactory.getLogger(FileUpload.class);
  private static final String CONTENT_TYPE = "application/octet-stream";
  private static final int MAX_PARTS = 10_000;

  private final S3Client s3;
  private final String bucket;
  private final long partSize;

  FileUpload(S3Client s3, String bucket, long partSize) {
    this.s3 = s3;
    this.bucket = bucket;
    this.partSize = partSize;
  }

  /**
   * Stores bytes {@code 0..size} of {@code file} as object {@code objectKey}.
   *
   * @throws IOException when the file cannot be read; S3's failures are the SDK's exceptions
   */
  void upload(String objectKey, Path file, long size) throws IOException {
    if (size <= partSize) {
      try (FileSlice body = new FileSlice(file, 0, size)) {
        s3.putObject(b -> b.bucket(bucket).key(objectKey).contentType(CONTENT_TYPE).contentLength(size),
            RequestBody.fromContentProvider(body, size, CONTENT_TYPE));
      }
    } else {
      multipart(objectKey, file, size);
    }
  }

  private void multipart(String objectKey, Path file, long size) throws IOException {
    long part = Math.max(partSize, (size + MAX_PARTS - 1) / MAX_PARTS);
    String uploadId = s3.createMultipartUpload(
        b -> b.bucket(bucket).key(objectKey).contentType(CONTENT_TYPE)).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      int number = 1;
      for (long offset = 0; offset < size; offset += part, number++) {
        long length = Math.min(part, size - offset);
        int partNumber = number;
        try (FileSlice body = new FileSlice(file, offset, length)) {
          String etag = s3.uploadPart(
              b -> b.bucket(bucket).key(objectKey).uploadId(uploadId).partNumber(partNumber)
                  .contentLength(length),
              RequestBody.fromContentProvider(body, length, CONTENT_TYPE)).eTag();
          parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        }
      }
      s3.completeMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId)
          .multipartUpload(m -> m.parts(parts)));
    } catch (IOException | RuntimeException | Error e) {
      abort(objectKey, uploadId, e);
      throw e;
    }
  }

  private void abort(String objectKey, String uploadId, Throwable failure) {
    try {
      s3.abortMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId));
    } catch (RuntimeException abortFailure) {
      failure.addSuppressed(abortFailure);
      LOG.warn("event=s3_abort_failed bucket={} key=\"{}\" upload_id={} reason=\"{}\"",
          bucket, objectKey, uploadId, abortFailure.getMessage());
    }
  }
}
