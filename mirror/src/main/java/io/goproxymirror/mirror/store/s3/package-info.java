/**
 * Blobs in an S3-compatible bucket with the AWS SDK: streamed reads with back-pressure and a
 * stall timeout, multipart uploads, failure mapping.
 *
 * <p>The only package that imports the AWS SDK. Depends on {@code store} and {@code errors}.
 */
package io.goproxymirror.mirror.store.s3;
