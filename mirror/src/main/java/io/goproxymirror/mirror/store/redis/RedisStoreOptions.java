package io.goproxymirror.mirror.store.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link RedisMetadataStore} reaches Redis. A plain value, so tests build it directly; {@link
 * RedisConfigOptions} builds it from the configuration. Its {@link #toString()} hides the password.
 *
 * @param topology how the Redis is deployed
 * @param connectionStrings {@code redis://} or {@code rediss://} URLs: the server (standalone,
 *     exactly one), the sentinels (sentinel) or seed nodes (cluster); a URL may hold a user name
 *     (Redis ACL user) and a database number; the password belongs in {@code password}
 * @param masterName the master the sentinels monitor; present exactly in sentinel mode
 * @param password sent with {@code HELLO}/{@code AUTH} to every node (sentinels included)
 * @param poolSize connections per node, at least 1
 * @param maxWaiting commands that may wait for a busy pool, at least {@code poolSize} (the Vert.x
 *     sentinel and cluster clients refuse less)
 * @param commandTimeout after which one command (connecting included) fails
 * @param keyPrefix put before every key, see {@link RedisKeys}
 */
public record RedisStoreOptions(
    Topology topology,
    List<String> connectionStrings,
    Optional<String> masterName,
    Optional<String> password,
    int poolSize,
    int maxWaiting,
    Duration commandTimeout,
    String keyPrefix) {

  /** Default connections per node. */
  public static final int DEFAULT_POOL_SIZE = 16;
  /** Default commands waiting for a connection. */
  public static final int DEFAULT_MAX_WAITING = 256;
  /** Default command timeout. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);
  /** Default key prefix. */
  public static final String DEFAULT_KEY_PREFIX = "goproxy:";

  /** How the Redis is deployed. */
  public enum Topology {
    /** One server. */
    STANDALONE,
    /** Sentinels that name the current master. */
    SENTINEL,
    /** Redis Cluster. */
    CLUSTER
  }

  /** @throws IllegalArgumentException for inconsistent or out-of-range values */
  public RedisStoreOptions {
    Objects.requireNonNull(topology, "topology");
    connectionStrings = List.copyOf(connectionStrings);
    Objects.requireNonNull(masterName, "masterName");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(commandTimeout, "commandTimeout");
    new RedisKeys(keyPrefix); // checks the prefix
    if (connectionStrings.isEmpty() || (topology == Topology.STANDALONE && connectionStrings.size() != 1)) {
      throw new IllegalArgumentException(topology + " needs " + (topology == Topology.STANDALONE ? "exactly" : "at least")
          + " one connection string, got " + connectionStrings.size());
    }
    if (masterName.isPresent() != (topology == Topology.SENTINEL)) {
      throw new IllegalArgumentException("a master name is needed in sentinel mode and only there");
    }
    if (password.isPresent() && password.get().isEmpty()) {
      throw new IllegalArgumentException("the password is empty");
    }
    if (poolSize < 1 || maxWaiting < poolSize) {
      throw new IllegalArgumentException("pool size must be at least 1 and max waiting at least the pool size");
    }
    if (commandTimeout.isNegative() || commandTimeout.isZero()) {
      throw new IllegalArgumentException("the command timeout must be positive");
    }
  }

  /** One server at {@code url}, no password, every other value at its default. */
  public static RedisStoreOptions standalone(String url) {
    return new RedisStoreOptions(Topology.STANDALONE, List.of(url), Optional.empty(), Optional.empty(),
        DEFAULT_POOL_SIZE, DEFAULT_MAX_WAITING, DEFAULT_COMMAND_TIMEOUT, DEFAULT_KEY_PREFIX);
  }

  /** The sentinels at {@code urls} monitoring {@code masterName}, other values at their defaults. */
  public static RedisStoreOptions sentinel(List<String> urls, String masterName) {
    return new RedisStoreOptions(Topology.SENTINEL, urls, Optional.of(masterName), Optional.empty(),
        DEFAULT_POOL_SIZE, DEFAULT_MAX_WAITING, DEFAULT_COMMAND_TIMEOUT, DEFAULT_KEY_PREFIX);
  }

  /** The cluster with seed nodes {@code urls}, other values at their defaults. */
  public static RedisStoreOptions cluster(List<String> urls) {
    return new RedisStoreOptions(Topology.CLUSTER, urls, Optional.empty(), Optional.empty(),
        DEFAULT_POOL_SIZE, DEFAULT_MAX_WAITING, DEFAULT_COMMAND_TIMEOUT, DEFAULT_KEY_PREFIX);
  }

  /** A copy with this password. */
  public RedisStoreOptions withPassword(String value) {
    return new RedisStoreOptions(topology, connectionStrings, masterName, Optional.of(value),
        poolSize, maxWaiting, commandTimeout, keyPrefix);
  }

  /** A copy with this key prefix. */
  public RedisStoreOptions withKeyPrefix(String value) {
    return new RedisStoreOptions(topology, connectionStrings, masterName, password,
        poolSize, maxWaiting, commandTimeout, value);
  }

  /** A copy with this command timeout. */
  public RedisStoreOptions withCommandTimeout(Duration value) {
    return new RedisStoreOptions(topology, connectionStrings, masterName, password,
        poolSize, maxWaiting, value, keyPrefix);
  }

  /** A copy with these pool limits. */
  public RedisStoreOptions withPool(int size, int waiting) {
    return new RedisStoreOptions(topology, connectionStrings, masterName, password,
        size, waiting, commandTimeout, keyPrefix);
  }

  /** Whether the connection strings ask for TLS ({@code rediss://}). */
  public boolean tls() {
    return connectionStrings.get(0).regionMatches(true, 0, "rediss:", 0, 7);
  }

  @Override
  public String toString() {
    return "RedisStoreOptions[topology=" + topology
        + ", connectionStrings=" + connectionStrings.stream().map(RedisStoreOptions::redact).toList()
        + ", masterName=" + masterName
        + ", password=" + (password.isPresent() ? "***" : "none")
        + ", poolSize=" + poolSize
        + ", maxWaiting=" + maxWaiting
        + ", commandTimeout=" + commandTimeout
        + ", keyPrefix=" + keyPrefix
        + "]";
  }

  /** The URL without its userinfo. */
  static String redact(String url) {
    int scheme = url.indexOf("://");
    int at = url.lastIndexOf('@');
    int slash = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
    if (scheme < 0 || at < scheme || (slash >= 0 && at > slash)) {
      return url;
    }
    return url.substring(0, scheme + 3) + "***@" + url.substring(at + 1);
  }
}
