package io.goproxymirror.config.storage;

import io.goproxymirror.config.value.Redaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code metadata.redis.*}: the Redis that holds the metadata when {@code metadata.type} is {@code
 * redis}. It names where the password is, never the password: the store reads the variable or
 * file when it connects.
 *
 * @param url {@code metadata.redis.url} (env {@code MIRROR_REDIS_URL}): {@code
 *     redis://[user@]host[:port][/db]}, {@code rediss://} for TLS (verified against the JVM's trust
 *     store, host name included). The user is a Redis ACL user; a password here is refused. In
 *     sentinel mode it is a sentinel, in cluster mode a seed node. Empty by default.
 * @param mode {@code metadata.redis.mode}: standalone (default), sentinel or cluster
 * @param endpoints {@code metadata.redis.endpoints}: more URLs of the same kind as {@code url}
 *     (other sentinels, other cluster seed nodes), comma-separated; none by default and none
 *     allowed in standalone mode
 * @param masterName {@code metadata.redis.master-name}: the name of the master the sentinels
 *     monitor; required in sentinel mode, refused in the others
 * @param passwordEnv {@code metadata.redis.password-env}: the name of the environment variable
 *     holding the password (set and non-empty at start)
 * @param passwordFile {@code metadata.redis.password-file}: the file holding the password
 *     (readable and non-empty at start; surrounding white space is not part of it); at most one of
 *     the two is present, and with neither no password is sent
 * @param poolSize {@code metadata.redis.pool-size}: connections per Redis node, 1..1024, default 16
 * @param maxWaiting {@code metadata.redis.max-waiting}: commands that may wait for a connection
 *     when all are busy, at least {@code poolSize} (the Vert.x sentinel and cluster clients need
 *     that), default 256; past it a command fails at once
 * @param commandTimeout {@code metadata.redis.command-timeout}: one command (connecting included)
 *     fails after this long, default 2s
 * @param keyPrefix {@code metadata.redis.key-prefix}: put before every key, so that several
 *     mirrors (or other applications) can share one Redis, default {@code goproxy:}
 */
public record RedisConfig(
    Optional<String> url,
    Mode mode,
    List<String> endpoints,
    Optional<String> masterName,
    Optional<String> passwordEnv,
    Optional<Path> passwordFile,
    int poolSize,
    int maxWaiting,
    Duration commandTimeout,
    String keyPrefix) {

  /** How the Redis is deployed. */
  public enum Mode {
    /** One server (possibly behind a proxy or a managed endpoint). */
    STANDALONE,
    /** Redis Sentinel: the URLs are sentinels, which name the current master. */
    SENTINEL,
    /** Redis Cluster: the URLs are seed nodes. */
    CLUSTER
  }

  public RedisConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(mode, "mode");
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(masterName, "masterName");
    Objects.requireNonNull(passwordEnv, "passwordEnv");
    Objects.requireNonNull(passwordFile, "passwordFile");
    Objects.requireNonNull(commandTimeout, "commandTimeout");
    Objects.requireNonNull(keyPrefix, "keyPrefix");
  }

  /** {@code url} followed by {@code endpoints}: every address to try; empty when no URL is set. */
  public List<String> connectionStrings() {
    List<String> all = new ArrayList<>();
    url.ifPresent(all::add);
    all.addAll(endpoints);
    return List.copyOf(all);
  }

  /** Userinfo of the URLs is hidden, should a record ever be built around validation. */
  @Override
  public String toString() {
    return "RedisConfig[url=" + url.map(Redaction::userinfo)
        + ", mode=" + mode
        + ", endpoints=" + endpoints.stream().map(Redaction::userinfo).toList()
        + ", masterName=" + masterName
        + ", passwordEnv=" + passwordEnv
        + ", passwordFile=" + passwordFile
        + ", poolSize=" + poolSize
        + ", maxWaiting=" + maxWaiting
        + ", commandTimeout=" + commandTimeout
        + ", keyPrefix=" + keyPrefix
        + "]";
  }
}
