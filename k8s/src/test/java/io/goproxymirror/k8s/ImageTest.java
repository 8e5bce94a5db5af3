package io.goproxymirror.k8s;

import static io.goproxymirror.mirror.testkit.GitRepoBuilder.files;
import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.DownloadResult;
import io.goproxymirror.mirror.testkit.GitRepoBuilder;
import io.goproxymirror.mirror.testkit.GoClient;
import io.goproxymirror.mirror.testkit.GoDirect;
import io.goproxymirror.mirror.testkit.GoproxyDirServer;
import io.goproxymirror.mirror.testkit.ProcessResult;
import io.goproxymirror.mirror.testkit.RequiredTools;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
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
  private static final Instant T1 = Instant.parse("2021-03-04T05:06:07Z");
  private static final List<String[]> MODULES = List.of(
      new String[] {"github.com/acme/hello", "v1.0.0"},
      new String[] {"github.com/Acme/Upper", "v1.1.0"});

  private Path tmp;
  private Podman podman;
  private String image;
  private Vertx vertx;
  private GoproxyDirServer upstream;
  private MirrorContainer mirror;
  private final Map<String, DownloadResult> golden = new LinkedHashMap<>();

  @BeforeAll
  void start(@TempDir Path dir) {
    tmp = dir;
    RequiredTools.go();
    RequiredTools.git();
    podman = Podman.require();
    GoDirect direct = new GoDirect(tmp.resolve("direct"), tmp.resolve("repos"));
    try (GitRepoBuilder hello = GitRepoBuilder.createBare(direct.repoDir("github.com/acme/hello"))) {
      hello.commit(T1, files("go.mod", "module github.com/acme/hello\n\ngo 1.19\n", "hello.go", "package hello\n"))
          .tag("v1.0.0");
    }
    try (GitRepoBuilder upper = GitRepoBuilder.createBare(direct.repoDir("github.com/Acme/Upper"))) {
      upper.commit(T1, files("go.mod", "module github.com/Acme/Upper\n\ngo 1.19\n", "Upper.go", "package upper\n"))
          .tag("v1.1.0");
    }
    for (String[] m : MODULES) {
      golden.put(m[0], direct.download(m[0], m[1]).requireOk());
    }
    vertx = Vertx.vertx();
    upstream = GoproxyDirServer.start(vertx, direct.downloadCacheDir());
    image = MirrorImage.build(podman);
    mirror = MirrorContainer.start(podman, image,
        Map.of("MIRROR_UPSTREAM", upstream.baseUrl(), "MIRROR_STORAGE_MIN_FREE", "0"), List.of());
  }

  @AfterAll
  void stop() {
    if (mirror != null) {
      mirror.close();
    }
    if (upstream != null) {
      upstream.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().join();
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
    upstream.requests().clear();
    for (int round = 0; round < 2; round++) {
      GoClient client = new GoClient(tmp.resolve("client-" + round), mirror.baseUrl());
      for (String[] m : MODULES) {
        DownloadResult viaImage = client.download(m[0], m[1]);
        DownloadResult expected = golden.get(m[0]);
        assertThat(viaImage.version()).as(m[0]).isEqualTo(m[1]);
        assertThat(viaImage.sum()).as(m[0] + " Sum, round " + round).startsWith("h1:").isEqualTo(expected.sum());
        assertThat(viaImage.goModSum()).as(m[0] + " GoModSum, round " + round).isEqualTo(expected.goModSum());
      }
    }
    assertThat(upstream.requests().count("/github.com/acme/hello/@v/v1.0.0.zip")).isEqualTo(1);
    assertThat(upstream.requests().count("/github.com/!acme/!upper/@v/v1.1.0.zip")).isEqualTo(1);
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
