package io.goproxymirror.mirror.store.s3;

import io.goproxymirror.mirror.errors.OverloadedException;
import io.goproxymirror.mirror.store.BlobContent;
import io.goproxymirror.mirror.store.BlobKey;
import io.goproxymirror.mirror.store.BlobStore;
import io.goproxymirror.mirror.store.BlobStoreException;
import io.goproxymirror.mirror.store.BlobTooLargeException;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Blobs as objects in an S3-compatible bucket, at {@code <prefix>/<key>}, so any number of
 * replicas share them. Keys are checked by {@link BlobKey} before any request, exactly as in the
 * file store. A put streams the staged file: one PutObject up to the part size, a multipart upload
 * above it (aborted on failure); S3 shows an object only once it is complete, which gives the file
 * store's atomic visibility. There is no local file ({@link #localFile} is empty): serve blobs with
 * {@link #open}. Every request runs under the configured timeout, reads on the {@code reads}
 * scheduler and uploads on the {@code writes} one (give the client a connection per thread of both);
 * failures of S3 are {@link BlobStoreException}s. Close the store to
 * release its connection pool.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {
  private final S3StoreOptions options;
  private final Scheduler reads;
  private final Scheduler writes;
  private final S3Client s3;
  private final FileUpload upload;
  private final Semaphore streams;

  /**
   * Builds the S3 client (no request yet; see {@link #check}).
   *
   * @param options bucket, endpoint, credentials, part size and timeout
   * @param io the bounded scheduler for blocking work, shared with the rest of the storage layer
   */
  public S3BlobStore(S3StoreOptions options, Scheduler io) {
    this(options, io, io);
  }

  /**
   * As {@link #S3BlobStore(S3StoreOptions, Scheduler)}, with requests that read on {@code reads}
   * and uploads on {@code writes}.
   */
  public S3BlobStore(S3StoreOptions options, Scheduler reads, Scheduler writes) {
    this.options = Objects.requireNonNull(options, "options");
    this.reads = Objects.requireNonNull(reads, "reads");
    this.writes = Objects.requireNonNull(writes, "writes");
    this.s3 = S3ClientFactory.create(options);
    this.upload = new FileUpload(s3, options.bucket(), options.partSize());
    this.streams = new Semaphore(options.maxStreams());
  }

  /**
   * Checks that the bucket exists and the credentials may use it (HeadBucket), so a wrong setting
   * fails at start rather than at the first request.
   */
  public Completable check() {
    return Completable.fromAction(() -> {
      try {
        s3.headBucket(b -> b.bucket(options.bucket()));
      } catch (RuntimeException e) {
        throw S3Failures.bucketCheck(e, options.describe());
      }
    }).subscribeOn(reads);
  }

  @Override
  public Maybe<Long> size(String key) {
    return Maybe.defer(() -> {
      String object = objectKey(key);
      return Maybe.fromCallable(() -> absentAsNull("HEAD", object,
              () -> length(s3.headObject(b -> b.bucket(options.bucket()).key(object)).contentLength(),
                  object)))
          .subscribeOn(reads);
    });
  }

  @Override
  public Maybe<byte[]> read(String key, long maxBytes) {
    return Maybe.defer(() -> {
      String object = objectKey(key);
      return Maybe.fromCallable(() -> {
        ResponseInputStream<GetObjectResponse> response = get(object);
        if (response == null) {
          return null;
        }
        try (S3BodyStream body = new S3BodyStream(response, where(object))) {
          long size = length(response.response().contentLength(), object);
          if (size > maxBytes || size > Integer.MAX_VALUE - 8) {
            throw new BlobTooLargeException(key, size, maxBytes);
          }
          byte[] bytes = body.readNBytes((int) size);
          if (bytes.length != size || body.read() >= 0) {
            throw new IOException("S3 object " + object + " did not have its announced " + size + " bytes");
          }
          return bytes;
        }
      }).subscribeOn(reads);
    });
  }

  /**
   * Opens the object as a stream that holds one pooled connection until it is closed. At most
   * {@link S3StoreOptions#maxStreams} are open at once; past that the open fails at once with an
   * {@link OverloadedException} (503) rather than wait for a connection on a blocking thread that
   * the open streams need to move on.
   */
  @Override
  public Maybe<BlobContent> open(String key) {
    return Maybe.defer(() -> {
      String object = objectKey(key);
      return Maybe.fromCallable(() -> {
        if (!streams.tryAcquire()) {
          throw new OverloadedException("too many files streaming from storage at once ("
              + options.maxStreams() + "); retry");
        }
        ResponseInputStream<GetObjectResponse> response;
        try {
          response = get(object);
        } catch (Exception | Error e) {
          streams.release();
          throw e;
        }
        if (response == null) {
          streams.release();
          return null;
        }
        S3BodyStream body = new S3BodyStream(response, where(object), streams::release);
        try {
          return new BlobContent(length(response.response().contentLength(), object), body, reads,
              options.timeout());
        } catch (IOException | RuntimeException e) {
          body.close();
          throw e;
        }
      }).subscribeOn(reads);
    });
  }

  /** Always empty: objects are not local files. Still rejects a bad key. */
  @Override
  public Optional<Path> localFile(String key) {
    BlobKey.parse(key);
    return Optional.empty();
  }

  @Override
  public Completable put(String key, Path staged) {
    return Completable.defer(() -> {
      String object = objectKey(key);
      Objects.requireNonNull(staged, "staged");
      return Completable.fromAction(() -> {
        long size = Files.size(staged);
        call("PUT", object, () -> {
          upload.upload(object, staged, size);
          return null;
        });
        Files.deleteIfExists(staged);
      }).subscribeOn(writes);
    });
  }

  @Override
  public Completable putBytes(String key, byte[] bytes) {
    return Completable.defer(() -> {
      String object = objectKey(key);
      Objects.requireNonNull(bytes, "bytes");
      return Completable.fromAction(() -> call("PUT", object,
              () -> s3.putObject(b -> b.bucket(options.bucket()).key(object)
                  .contentType("application/octet-stream"), RequestBody.fromBytes(bytes))))
          .subscribeOn(writes);
    });
  }

  /** Closes the client and its connection pool. */
  @Override
  public void close() {
    s3.close();
  }

  private String objectKey(String key) {
    return options.objectKey(BlobKey.parse(key).value());
  }

  private ResponseInputStream<GetObjectResponse> get(String object) throws Exception {
    return absentAsNull("GET", object, () -> s3.getObject(b -> b.bucket(options.bucket()).key(object)));
  }

  /** Runs one request; S3's "no such key" becomes null, other failures are translated. */
  private <T> T absentAsNull(String operation, String object, Callable<T> request) throws Exception {
    try {
      return request.call();
    } catch (RuntimeException e) {
      if (S3Failures.isNotFound(e)) {
        return null;
      }
      throw S3Failures.translate(e, operation, where(object));
    }
  }

  /** Runs one request; failures are translated. */
  private <T> T call(String operation, String object, Callable<T> request) throws Exception {
    try {
      return request.call();
    } catch (RuntimeException e) {
      throw S3Failures.translate(e, operation, where(object));
    }
  }

  private long length(Long contentLength, String object) throws IOException {
    if (contentLength == null) {
      throw new IOException("S3 answered for " + where(object) + " without a Content-Length");
    }
    return contentLength;
  }

  private String where(String object) {
    return "s3://" + options.bucket() + "/" + object + options.endpoint().map(u -> " at " + u).orElse("");
  }
}
