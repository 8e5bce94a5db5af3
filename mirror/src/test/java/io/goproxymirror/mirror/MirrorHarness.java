package io.goproxymirror.mirror;

import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.load.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A mirror started in-process on a free port, as the launcher starts it, with a JDK HTTP client. */
final class MirrorHarness implements AutoCloseable {
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10))
      .version(HttpClient.Version.HTTP_1_1)
      .build();
  private final MirrorApp app;
  private final Path dataDir;

  private MirrorHarness(MirrorApp app, Path dataDir) {
    this.app = app;
    this.dataDir = dataDir;
  }

  /** Starts a mirror over {@code dataDir} with the given GOPROXY-list {@code upstream}. */
  static MirrorHarness start(Path dataDir, String upstream, String... extraEnv) {
    return start(dataDir, Optional.empty(), upstream, extraEnv);
  }

  /**
   * Starts a mirror over {@code dataDir} with the configuration file {@code yaml} (written next to
   * the data directory) and environment overrides.
   */
  static MirrorHarness startWithYaml(Path dataDir, String yaml, String upstream, String... extraEnv) {
    return startRole(Role.MIRROR, dataDir, yaml, upstream, extraEnv);
  }

  /** As {@link #startWithYaml}, running {@code role} (for example {@code ALL} with the sync worker). */
  static MirrorHarness startRole(Role role, Path dataDir, String yaml, String upstream, String... extraEnv) {
    try {
      Files.createDirectories(dataDir);
      Path file = dataDir.resolveSibling(dataDir.getFileName() + "-mirror.yaml");
      Files.writeString(file, yaml);
      return start(role, dataDir, Optional.of(file), upstream, extraEnv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MirrorHarness start(Path dataDir, Optional<Path> yaml, String upstream, String... extraEnv) {
    return start(Role.MIRROR, dataDir, yaml, upstream, extraEnv);
  }

  private static MirrorHarness start(
      Role role, Path dataDir, Optional<Path> yaml, String upstream, String... extraEnv) {
    Map<String, String> env = new HashMap<>();
    env.put("MIRROR_PORT", "0");
    env.put("MIRROR_DATA_DIR", dataDir.toString());
    env.put("MIRROR_UPSTREAM", upstream);
    env.put("MIRROR_SERVER_HOST", "127.0.0.1");
    env.put("MIRROR_SERVER_INSTANCES", "2");
    env.put("MIRROR_UPSTREAM_TIMEOUTS_TOTAL", "20s");
    env.put("MIRROR_SERVER_SHUTDOWN_TIMEOUT", "2s"); // a test closing with requests still open does not wait long
    // The machine running the tests may have little free disk: keep the miss guard out of the way
    // unless a test is about it (it passes its own value).
    env.put("MIRROR_STORAGE_MIN_FREE", "1MiB");
    for (int i = 0; i + 1 < extraEnv.length; i += 2) {
      env.put(extraEnv[i], extraEnv[i + 1]);
    }
    MirrorConfig config = ConfigLoader.load(yaml, env);
    return new MirrorHarness(MirrorApp.start(config, role, env).blockingGet(), dataDir);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + app.port();
  }

  int port() {
    return app.port();
  }

  Path dataDir() {
    return dataDir;
  }

  HttpResponse<byte[]> get(String path) {
    return send("GET", path, Map.of());
  }

  HttpResponse<byte[]> send(String method, String path, Map<String, String> headers) {
    return send(method, path, headers, new byte[0]);
  }

  HttpResponse<byte[]> send(String method, String path, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .timeout(Duration.ofSeconds(60))
        .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    app.stop().blockingAwait();
  }
}
