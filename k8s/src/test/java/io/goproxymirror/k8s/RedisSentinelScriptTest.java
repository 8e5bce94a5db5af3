package io.goproxymirror.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.goproxymirror.mirror.testkit.RequiredTools;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ha overlay's Redis: its init script, run as each pod would run it, writes configurations
 * that redis-server and redis-sentinel accept, with the master and the password where they belong.
 * The servers are started on free loopback ports; the pods' DNS names, which do not resolve here,
 * are replaced by 127.0.0.1 for that step only.
 */
@DisplayName("Kubernetes manifests: the Redis Sentinel set of the ha overlay")
class RedisSentinelScriptTest {
  private static final String PASSWORD = "test-password-0123456789";

  @TempDir Path tmp;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    for (Process p : started) {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  @Test
  @DisplayName("pod 0 starts as the master and pod 1 as its replica when no sentinel answers; redis-server and the sentinel accept the files, want the password, and the sentinel names the master")
  void scriptConfiguresTheSet() throws Exception {
    Path redisServer = RequiredTools.redisServer();
    Path redisCli = RequiredTools.redisCli();
    Rendered ha = Overlays.render(Overlays.HA);
    StatefulSet set = ha.get(StatefulSet.class, "goproxy-redis");
    var init = set.getSpec().getTemplate().getSpec().getInitContainers().get(0);
    assertThat(init.getEnv()).extracting(e -> e.getName()).containsExactlyInAnyOrder("POD_NAME", "REDIS_PASSWORD");
    String script = ha.all(ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().startsWith("goproxy-redis-scripts")).findFirst().orElseThrow()
        .getData().get("configure.sh");

    Path conf0 = configure(script, "goproxy-redis-0", redisCli);
    Path conf1 = configure(script, "goproxy-redis-1", redisCli);
    String redis0 = Files.readString(conf0.resolve("redis.conf"));
    assertThat(redis0).doesNotContain("replicaof").contains("requirepass \"" + PASSWORD + "\"");
    assertThat(Files.readString(conf1.resolve("redis.conf")))
        .contains("replicaof goproxy-redis-0.goproxy-redis 6379", "replica-announce-ip goproxy-redis-1.goproxy-redis");
    String sentinel0 = Files.readString(conf0.resolve("sentinel.conf"));
    assertThat(sentinel0).contains("sentinel monitor goproxy goproxy-redis-0.goproxy-redis 6379 2");

    int redisPort = freePort();
    Path data = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(conf0.resolve("redis.conf"), redis0
        .replace("port 6379", "port " + redisPort).replace("dir /data", "dir " + data)
        + "bind 127.0.0.1\n");
    start(List.of(redisServer.toString(), conf0.resolve("redis.conf").toString()));
    assertThat(cli(redisCli, redisPort, PASSWORD, "ping")).isEqualTo("PONG");
    assertThat(cli(redisCli, redisPort, null, "get", "x")).contains("NOAUTH");

    int sentinelPort = freePort();
    Files.writeString(conf0.resolve("sentinel.conf"), sentinel0
        .replace("port 26379", "port " + sentinelPort)
        .replace("dir /conf", "dir " + conf0)
        .replace("goproxy-redis-0.goproxy-redis 6379", "127.0.0.1 " + redisPort)
        .replace("announce-ip goproxy-redis-0.goproxy-redis", "announce-ip 127.0.0.1")
        + "bind 127.0.0.1\n");
    start(List.of(redisServer.toString(), conf0.resolve("sentinel.conf").toString(), "--sentinel"));
    assertThat(cli(redisCli, sentinelPort, PASSWORD, "sentinel", "get-master-addr-by-name", "goproxy"))
        .isEqualTo("127.0.0.1\n" + redisPort);
    assertThat(cli(redisCli, sentinelPort, null, "sentinel", "get-master-addr-by-name", "goproxy")).contains("NOAUTH");
  }

  /** Runs the script as pod {@code pod} would, writing into a directory of its own instead of /conf. */
  private Path configure(String script, String pod, Path redisCli) throws Exception {
    Path conf = Files.createDirectories(tmp.resolve(pod));
    Path file = tmp.resolve(pod + ".sh");
    Files.writeString(file, script.replace("/conf/", conf + "/"));
    ProcessBuilder pb = new ProcessBuilder("sh", file.toString()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("POD_NAME", pod);
    env.put("REDIS_PASSWORD", PASSWORD);
    env.put("PATH", redisCli.getParent() + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("configure.sh ends").isTrue();
    assertThat(p.exitValue()).as("configure.sh for %s: %s", pod, out).isZero();
    return conf;
  }

  private void start(List<String> command) throws IOException {
    Path log = Files.createTempFile(tmp, "redis", ".log");
    started.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
  }

  /** A command's answer; waits (bounded) for the server to accept connections first. */
  private static String cli(Path redisCli, int port, String password, String... args) throws Exception {
    String answer = "";
    for (int attempt = 0; attempt < 100; attempt++) {
      List<String> command = new ArrayList<>(List.of(redisCli.toString(), "-h", "127.0.0.1", "-p", String.valueOf(port)));
      command.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      if (password != null) {
        pb.environment().put("REDISCLI_AUTH", password);
      }
      Process p = pb.start();
      answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      if (!answer.contains("Connection refused") && !answer.contains("LOADING")) {
        return answer;
      }
      Thread.sleep(100);
    }
    return answer;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
