package io.goproxymirror.mirror.store.redis;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;

/**
 * Creates the Vert.x Redis client for {@link RedisStoreOptions}: the client type of the topology,
 * a pool of {@code poolSize} connections per node with {@code maxWaiting} waiters, the password,
 * a connect timeout equal to the command timeout, automatic failover in sentinel mode, and for
 * {@code rediss://} TLS with host name
 * verification against the JVM's trust store (Vert.x verifies no host name unless asked).
 */
final class RedisClientFactory {

  private RedisClientFactory() {}

  static Redis create(Vertx vertx, RedisStoreOptions options) {
    return Redis.createClient(vertx, redisOptions(options));
  }

  static RedisOptions redisOptions(RedisStoreOptions options) {
    NetClientOptions net = new NetClientOptions()
        .setTcpKeepAlive(true)
        .setTcpNoDelay(true)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.commandTimeout().toMillis()));
    if (options.tls()) {
      net.setSsl(true).setHostnameVerificationAlgorithm("HTTPS");
    }
    RedisOptions redis = new RedisOptions()
        .setType(switch (options.topology()) {
          case STANDALONE -> RedisClientType.STANDALONE;
          case SENTINEL -> RedisClientType.SENTINEL;
          case CLUSTER -> RedisClientType.CLUSTER;
        })
        .setEndpoints(options.connectionStrings())
        .setNetClientOptions(net)
        .setMaxPoolSize(options.poolSize())
        .setMaxPoolWaiting(options.maxWaiting());
    options.password().ifPresent(redis::setPassword);
    // Auto failover: watch the sentinels for +switch-master and move every connection to the new
    // master, instead of writing to a demoted one until its connections happen to break.
    options.masterName().ifPresent(name ->
        redis.setMasterName(name).setRole(RedisRole.MASTER).setAutoFailover(true));
    return redis;
  }
}
