/**
 * {@code storage.*} and {@code metadata.*}: where module files are kept (a directory or an S3
 * bucket) and where their records are (embedded or Redis), with the parsers of the S3 and Redis
 * values.
 *
 * <p>Depends on {@code value} only. The checks across keys are in {@code load}.
 */
package io.goproxymirror.config.storage;
