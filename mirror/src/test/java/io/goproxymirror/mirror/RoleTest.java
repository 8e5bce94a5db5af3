package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.config.load.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("launcher roles")
class RoleTest {
  @TempDir Path tmp;

  @Test
  @DisplayName("--role worker serves health and metrics but not the protocol; --role all serves both")
  void roles() throws Exception {
    Map<String, String> env = Map.of("MIRROR_PORT", "0", "MIRROR_DATA_DIR", tmp.resolve("w").toString(),
        "MIRROR_SERVER_HOST", "127.0.0.1", "MIRROR_SERVER_INSTANCES", "1", "MIRROR_UPSTREAM", "off",
        "MIRROR_STORAGE_MIN_FREE", "1MiB");
    MirrorApp worker = MirrorApp.start(ConfigLoader.load(Optional.empty(), env), Role.WORKER).blockingGet();
    try {
      assertThat(get(worker, "/healthz")).isEqualTo(200);
      assertThat(get(worker, "/metrics")).isEqualTo(200);
      assertThat(get(worker, "/example.com/m/@v/list")).isEqualTo(404);
    } finally {
      worker.stop().blockingAwait();
    }
    MirrorApp all = MirrorApp.start(ConfigLoader.load(Optional.empty(), env), Role.ALL).blockingGet();
    try {
      assertThat(get(all, "/healthz")).isEqualTo(200);
      HttpResponse<String> miss = send(all, "/example.com/m/@v/list");
      assertThat(miss.statusCode()).isEqualTo(404);
      assertThat(miss.body()).contains("off");
      assertThat(miss.headers().firstValue("X-Cache")).hasValue("MISS");
    } finally {
      all.stop().blockingAwait();
    }
  }

  private static int get(MirrorApp app, String path) throws Exception {
    return send(app, path).statusCode();
  }

  private static HttpResponse<String> send(MirrorApp app, String path) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
