/**
 * Metadata, artifact locks, the leader lock and the sync worker's queue in Redis (standalone,
 * Sentinel or Cluster). All key names come from {@code RedisKeys}.
 *
 * <p>The only package that imports the Redis client. Depends on {@code store}, {@code flight},
 * {@code rx}, {@code errors}, {@code config} and the sync worker's store interfaces.
 */
package io.goproxymirror.mirror.store.redis;
