/**
 * The mirror's Micrometer meters, with their stable {@code goproxy_mirror_*} names and low-
 * cardinality tags.
 *
 * <p>Depends on Micrometer only.
 */
package io.goproxymirror.mirror.metrics;
