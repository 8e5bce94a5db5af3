package io.goproxymirror.mirror.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Redis Cluster of real {@code redis-server} processes (masters only) on free ports of
 * 127.0.0.1: the 16384 slots are split evenly with {@code CLUSTER ADDSLOTS}, the nodes meet, and
 * start returns once every node reports {@code cluster_state:ok}. Uses only commands of Redis 3+,
 * so it needs no {@code redis-cli}. {@link #close()} kills every node.
 */
public final class RedisClusterNodes implements AutoCloseable {
  private static final int SLOTS = 16384;
  private final List<RedisServer> nodes;

  private RedisClusterNodes(List<RedisServer> nodes) {
    this.nodes = nodes;
  }

  /** Starts {@code count} master nodes under {@code parent} and joins them into one cluster. */
  public static RedisClusterNodes start(Path parent, int count) {
    List<RedisServer> nodes = new ArrayList<>();
    RedisClusterNodes cluster = new RedisClusterNodes(nodes);
    try {
      for (int i = 0; i < count; i++) {
        nodes.add(RedisServer.start(parent, "--cluster-enabled", "yes",
            "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000"));
      }
      for (int i = 0; i < count; i++) {
        List<String> args = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
        for (int slot = SLOTS * i / count; slot < SLOTS * (i + 1) / count; slot++) {
          args.add(Integer.toString(slot));
        }
        expectOk(RespClient.call(nodes.get(i).port(), args.toArray(String[]::new)));
      }
      for (int i = 1; i < count; i++) {
        expectOk(RespClient.call(nodes.get(0).port(), "CLUSTER", "MEET", "127.0.0.1",
            Integer.toString(nodes.get(i).port())));
      }
      cluster.awaitOk();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** The {@code redis://} URL of every node, usable as seed nodes. */
  public List<String> urls() {
    return nodes.stream().map(RedisServer::url).toList();
  }

  /** The nodes, for direct commands. */
  public List<RedisServer> nodes() {
    return List.copyOf(nodes);
  }

  @Override
  public void close() {
    nodes.forEach(RedisServer::close);
  }

  private void awaitOk() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      boolean ok = nodes.stream().allMatch(node ->
          String.valueOf(RespClient.call(node.port(), "CLUSTER", "INFO")).contains("cluster_state:ok")
              && String.valueOf(RespClient.call(node.port(), "CLUSTER", "NODES")).lines().count() == nodes.size());
      if (ok) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("the cluster did not reach cluster_state:ok: " + nodes.get(0).log());
  }

  private static void expectOk(Object reply) {
    if (!"OK".equals(reply)) {
      throw new IllegalStateException("cluster setup failed: " + reply);
    }
  }
}
