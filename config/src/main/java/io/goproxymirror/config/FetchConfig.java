package io.goproxymirror.config;

import java.time.Duration;

/**
 * {@code fetch.*}.
 *
 * @param maxConcurrent {@code fetch.max-concurrent}: upstream fetches running at once, default 64
 * @param connectionsPerUpstream {@code fetch.connections-per-upstream}: HTTP connection pool size
 *     per upstream, default 16
 * @param queue {@code fetch.queue}: misses that may wait, in arrival order, for a fetch to end when
 *     {@code max-concurrent} fetches run; past it a miss gets 503 at once. Default 256; 0 means none
 *     wait.
 * @param queueWait {@code fetch.queue-wait}: the longest a miss waits in that queue before it gets
 *     503, default 10s
 */
public record FetchConfig(int maxConcurrent, int connectionsPerUpstream, int queue, Duration queueWait) {

  /** The default queue size, as text for the key table. */
  public static final String DEFAULT_QUEUE = "256";

  /** The default queue wait, as text for the key table. */
  public static final String DEFAULT_QUEUE_WAIT = "10s";

  /** With the default queue ({@value #DEFAULT_QUEUE} waiting, at most 10s each). */
  public FetchConfig(int maxConcurrent, int connectionsPerUpstream) {
    this(maxConcurrent, connectionsPerUpstream, Integer.parseInt(DEFAULT_QUEUE), Duration.ofSeconds(10));
  }
}
