package io.goproxymirror.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.goproxymirror.config.load.ConfigLoader;
import io.goproxymirror.mirror.MirrorApp;
import io.goproxymirror.mirror.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Kubernetes manifests: the paths probed and scraped exist in the mirror")
class ProbePathsTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @TempDir Path tmp;

  @Test
  @DisplayName("every HTTP probe path and the ServiceMonitor's path answer 2xx/3xx on a mirror started with the role of the container that uses them; a made-up path does not")
  void probePathsAnswer() throws Exception {
    Map<String, Set<String>> pathsByRole = new TreeMap<>();
    for (String kustomization : Overlays.ALL) {
      Rendered r = Overlays.render(kustomization);
      for (MirrorContainers.InWorkload m : MirrorContainers.of(r)) {
        for (Probe probe : ManifestCrossCheckTest.probes(m.container())) {
          assertThat(probe.getHttpGet()).as("%s probes over HTTP", m.label()).isNotNull();
          pathsByRole.computeIfAbsent(m.role(), k -> new TreeSet<>()).add(probe.getHttpGet().getPath());
        }
      }
    }
    for (String overlay : Overlays.ALL.subList(1, Overlays.ALL.size())) {
      Rendered r = Overlays.renderWithMonitoring(overlay);
      ServiceMonitor monitor = r.get(ServiceMonitor.class, "goproxy-mirror");
      for (Service s : r.all(Service.class)) {
        if (Labels.matches(Labels.of(monitor.getSpec().getSelector()), s.getMetadata().getLabels())) {
          for (Rendered.Workload w : r.selected(s.getSpec().getSelector())) {
            MirrorContainers.of(r).stream().filter(m -> m.workload().equals(w)).forEach(m ->
                monitor.getSpec().getEndpoints().forEach(e ->
                    pathsByRole.computeIfAbsent(m.role(), k -> new TreeSet<>()).add(e.getPath())));
          }
        }
      }
    }
    assertThat(pathsByRole).containsOnlyKeys("all", "mirror", "worker");
    assertThat(pathsByRole.get("worker")).contains("/healthz", "/readyz", "/metrics");

    for (Map.Entry<String, Set<String>> entry : pathsByRole.entrySet()) {
      Map<String, String> env = Map.of("MIRROR_PORT", "0", "MIRROR_SERVER_HOST", "127.0.0.1",
          "MIRROR_DATA_DIR", tmp.resolve(entry.getKey()).toString(), "MIRROR_SERVER_INSTANCES", "1",
          "MIRROR_UPSTREAM", "off", "MIRROR_STORAGE_MIN_FREE", "1MiB");
      Role role = Role.valueOf(entry.getKey().toUpperCase(Locale.ROOT));
      MirrorApp app = MirrorApp.start(ConfigLoader.load(Optional.empty(), env), role)
          .timeout(60, TimeUnit.SECONDS).blockingGet();
      try {
        for (String path : entry.getValue()) {
          assertThat(status(app, path)).as("--role %s GET %s", entry.getKey(), path).isBetween(200, 399);
        }
        assertThat(status(app, "/no-such-probe")).as("--role %s GET a made-up path", entry.getKey())
            .isGreaterThanOrEqualTo(400);
      } finally {
        app.stop().blockingAwait(60, TimeUnit.SECONDS);
      }
    }
  }

  private static int status(MirrorApp app, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
        .timeout(Duration.ofSeconds(30)).build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
