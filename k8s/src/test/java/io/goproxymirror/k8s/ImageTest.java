package io.goproxymirror.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.ProcessResult;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image built from the repository's Dockerfile, run under podman the way a cluster runs it
 * (read-only root file system, data on a volume, the image's non-root user), with the real go
 * command downloading through it from a test upstream on the host.
 */
@DisplayName("the container image under podman")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageTest {
  private Path tmp;
  private Podman podman;
  private String image;
  private GoldenModules modules;
  private MirrorContainer mirror;

  @BeforeAll
  void start(@TempDir Path dir) {
    tmp = dir;
    podman = Podman.require();
    modules = GoldenModules.create(tmp.resolve("modules"));
    image = MirrorImage.build(podman);
    mirror = MirrorContainer.start(podman, image,
        Map.of("MIRROR_UPSTREAM", modules.upstream().baseUrl(), "MIRROR_STORAGE_MIN_FREE", "0"), List.of());
  }

  @AfterAll
  void stop() {
    if (mirror != null) {
      mirror.close();
    }
    if (modules != null) {
      modules.close();
    }
  }

  @Test
  @DisplayName("answers /healthz and /readyz with a read-only root file system, as UID 10001")
  void servesHealthReadOnly() throws Exception {
    HttpResponse<String> health = mirror.get("/healthz");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("ok\n");
    HttpResponse<String> ready = mirror.get("/readyz");
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    assertThat(ready.body()).startsWith("ready");

    assertThat(mirror.exec("id", "-u").stdout().trim()).isEqualTo("10001");
    ProcessResult write = mirror.exec("touch", "/app/probe");
    assertThat(write.succeeded()).as("writing to the root file system").isFalse();
    assertThat(write.stderr()).contains("Read-only file system");
    assertThat(mirror.logs())
        .contains("event=started role=all")
        .contains("data=/data")
        .contains("transport=epoll");
  }

  @Test
  @DisplayName("the go command downloads through the container with its own h1: sums; the second time from /data")
  void goDownloadsThroughTheContainer() {
    modules.upstream().requests().clear();
    for (int round = 0; round < 2; round++) {
      modules.assertGoDownloadsThrough(tmp.resolve("client-" + round), mirror.baseUrl(), "round " + round);
    }
    assertThat(modules.upstream().requests().count("/github.com/acme/hello/@v/v1.0.0.zip")).isEqualTo(1);
    assertThat(modules.upstream().requests().count("/github.com/!acme/!upper/@v/v1.1.0.zip")).isEqualTo(1);
  }

  @Test
  @DisplayName("the image runs java -jar /app/mirror.jar as UID 10001, with /data, port 3000 and the role in the arguments")
  void imageConfiguration() {
    JsonObject config = new JsonObject(
        podman.check("image", "inspect", "--format", "{{json .Config}}", image).stdout());
    assertThat(config.getString("User")).isEqualTo("10001:10001");
    assertThat(config.getJsonObject("ExposedPorts").fieldNames()).containsExactly("3000/tcp");
    assertThat(config.getJsonObject("Volumes").fieldNames()).containsExactly("/data");
    assertThat(config.getJsonArray("Env").getList()).contains("MIRROR_DATA_DIR=/data");
    List<String> entrypoint = strings(config, "Entrypoint");
    assertThat(entrypoint.get(0)).isEqualTo("java");
    assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size()))
        .containsExactly("-jar", "/app/mirror.jar");
    assertThat(entrypoint).anyMatch(arg -> arg.startsWith("-XX:MaxRAMPercentage="));
    assertThat(strings(config, "Cmd")).containsExactly("--role", "all");
  }

  @Test
  @DisplayName("the heap follows the container's memory limit (75% of 512 MiB)")
  void heapFollowsTheMemoryLimit() {
    // The image's own entry point; the JVM prints its final flags, then the launcher refuses the role.
    ProcessResult run = podman.run(Duration.ofMinutes(1), List.of("run", "--rm", "--read-only",
        "--read-only-tmpfs=false", "--memory", "512m", "--env", "JAVA_TOOL_OPTIONS=-XX:+PrintFlagsFinal",
        image, "--role", "no-such-role"));
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
    assertThat(run.stdout()).containsPattern("\\sMaxHeapSize\\s+= 402653184\\s");
  }

  @Test
  @DisplayName("--role worker in the arguments runs the worker, which serves /healthz on the port")
  void argumentsSelectTheRole() throws Exception {
    try (MirrorContainer worker = MirrorContainer.start(podman, image, Map.of(), List.of("--role", "worker"))) {
      assertThat(worker.get("/healthz").statusCode()).isEqualTo(200);
      assertThat(worker.logs()).contains("event=started role=worker");
    }
  }

  private static List<String> strings(JsonObject config, String key) {
    return config.getJsonArray(key).stream().map(String::valueOf).toList();
  }
}
