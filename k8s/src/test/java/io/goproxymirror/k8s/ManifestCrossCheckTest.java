package io.goproxymirror.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.storage.MetadataConfig;
import io.goproxymirror.config.storage.RedisConfig;
import io.goproxymirror.config.storage.StorageType;
import io.goproxymirror.config.sync.WatchList;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Kubernetes manifests: cross-checks against each other and against the mirror")
class ManifestCrossCheckTest {

  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {Overlays.BASE, Overlays.SINGLE_NODE, Overlays.HA})
  @DisplayName("selectors match labels: workloads select their pods; Services, budgets, NetworkPolicies select pods; the HPA, the Ingress and the StatefulSet name what exists")
  void selectorsMatchLabels(String kustomization) {
    Rendered r = Overlays.render(kustomization);
    for (Deployment d : r.all(Deployment.class)) {
      assertThat(Labels.matches(Labels.of(d.getSpec().getSelector()), d.getSpec().getTemplate().getMetadata().getLabels()))
          .as("Deployment %s selects its own pods", d.getMetadata().getName()).isTrue();
    }
    for (StatefulSet s : r.all(StatefulSet.class)) {
      assertThat(Labels.matches(Labels.of(s.getSpec().getSelector()), s.getSpec().getTemplate().getMetadata().getLabels()))
          .as("StatefulSet %s selects its own pods", s.getMetadata().getName()).isTrue();
      Service governing = r.get(Service.class, s.getSpec().getServiceName());
      assertThat(governing.getSpec().getClusterIP()).as("governing Service is headless").isEqualTo("None");
      assertThat(r.selected(governing.getSpec().getSelector())).extracting(Rendered.Workload::owner).containsExactly(s);
    }
    for (Service s : r.all(Service.class)) {
      assertThat(r.selected(s.getSpec().getSelector())).as("pods of Service %s", s.getMetadata().getName()).isNotEmpty();
    }
    for (PodDisruptionBudget b : r.all(PodDisruptionBudget.class)) {
      assertThat(r.selected(Labels.of(b.getSpec().getSelector()))).as("pods of budget %s", b.getMetadata().getName())
          .isNotEmpty();
    }
    for (NetworkPolicy p : r.all(NetworkPolicy.class)) {
      assertThat(r.selected(Labels.of(p.getSpec().getPodSelector()))).as("pods of NetworkPolicy %s", p.getMetadata().getName())
          .isNotEmpty();
    }
    for (HorizontalPodAutoscaler h : r.all(HorizontalPodAutoscaler.class)) {
      var target = h.getSpec().getScaleTargetRef();
      assertThat(target.getKind()).isEqualTo("Deployment");
      Deployment d = r.get(Deployment.class, target.getName());
      d.getSpec().getTemplate().getSpec().getContainers().forEach(c ->
          assertThat(c.getResources().getRequests()).as("CPU request of %s, which the HPA's utilisation is of", c.getName())
              .containsKey("cpu"));
    }
    for (Ingress i : r.all(Ingress.class)) {
      i.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
        var backend = path.getBackend().getService();
        Service s = r.get(Service.class, backend.getName());
        assertThat(s.getSpec().getPorts()).extracting(ServicePort::getName).contains(backend.getPort().getName());
      }));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {Overlays.SINGLE_NODE, Overlays.HA})
  @DisplayName("the ServiceMonitor selects Services that have its port, in front of pods that have it too")
  void serviceMonitorSelectsServices(String overlay) {
    Rendered r = Overlays.renderWithMonitoring(overlay);
    ServiceMonitor monitor = r.get(ServiceMonitor.class, "goproxy-mirror");
    List<Service> scraped = r.all(Service.class).stream()
        .filter(s -> Labels.matches(Labels.of(monitor.getSpec().getSelector()), s.getMetadata().getLabels())).toList();
    assertThat(scraped).isNotEmpty();
    for (Service s : scraped) {
      for (var endpoint : monitor.getSpec().getEndpoints()) {
        assertThat(s.getSpec().getPorts()).extracting(ServicePort::getName)
            .as("Service %s has the ServiceMonitor's port", s.getMetadata().getName()).contains(endpoint.getPort());
      }
      assertThat(r.selected(s.getSpec().getSelector())).allSatisfy(w ->
          assertThat(MirrorContainers.of(r).stream().anyMatch(m -> m.workload().equals(w))).isTrue());
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {Overlays.BASE, Overlays.SINGLE_NODE, Overlays.HA})
  @DisplayName("Service target ports, NetworkPolicy ports and probe ports are ports of the containers they reach")
  void portsMatchContainerPorts(String kustomization) {
    Rendered r = Overlays.render(kustomization);
    for (Service s : r.all(Service.class)) {
      for (ServicePort port : s.getSpec().getPorts()) {
        for (Rendered.Workload w : r.selected(s.getSpec().getSelector())) {
          assertThat(hasPort(w.template().getSpec().getContainers(), port.getTargetPort()))
              .as("Service %s port %s: target %s is a container port of %s", s.getMetadata().getName(), port.getName(),
                  port.getTargetPort(), w.name())
              .isTrue();
        }
      }
    }
    for (NetworkPolicy p : r.all(NetworkPolicy.class)) {
      List<NetworkPolicyPort> ports = p.getSpec().getIngress().stream().flatMap(i -> i.getPorts().stream()).toList();
      for (Rendered.Workload w : r.selected(Labels.of(p.getSpec().getPodSelector()))) {
        for (NetworkPolicyPort port : ports) {
          assertThat(hasPort(w.template().getSpec().getContainers(), port.getPort()))
              .as("NetworkPolicy %s lets in port %s of %s", p.getMetadata().getName(), port.getPort(), w.name()).isTrue();
        }
        for (Service s : r.all(Service.class)) {
          if (r.selected(s.getSpec().getSelector()).contains(w)) {
            s.getSpec().getPorts().forEach(sp -> assertThat(ports.stream().anyMatch(np ->
                    samePort(np.getPort(), sp.getTargetPort(), w.template().getSpec().getContainers())))
                .as("NetworkPolicy %s lets in Service %s's target %s", p.getMetadata().getName(), s.getMetadata().getName(),
                    sp.getTargetPort())
                .isTrue());
          }
        }
      }
    }
    for (Rendered.Workload w : r.workloads()) {
      for (Container c : w.template().getSpec().getContainers()) {
        for (Probe probe : probes(c)) {
          IntOrString port = probe.getHttpGet() != null ? probe.getHttpGet().getPort()
              : probe.getTcpSocket() != null ? probe.getTcpSocket().getPort() : null;
          if (port != null) {
            assertThat(hasPort(List.of(c), port)).as("%s %s probe port %s", w.name(), c.getName(), port).isTrue();
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {Overlays.BASE, Overlays.SINGLE_NODE, Overlays.HA})
  @DisplayName("every mirror container's mirror.yaml and watchlist.yaml pass the mirror's own config validation, with every file it names on a volume and its port, data directory and grace period consistent with the manifest")
  void configurationValidates(String kustomization) {
    Rendered r = Overlays.render(kustomization);
    List<MirrorContainers.InWorkload> mirrors = MirrorContainers.of(r);
    assertThat(mirrors).isNotEmpty();
    int n = 0;
    for (MirrorContainers.InWorkload m : mirrors) {
      String where = m.label() + " in " + kustomization;
      ContainerFiles files = new ContainerFiles(r, m.workload(), m.container(), tmp.resolve("c" + n++));
      MirrorConfig config = files.loadConfig(m, where);

      int httpPort = m.container().getPorts().stream().filter(p -> "http".equals(p.getName()))
          .findFirst().orElseThrow().getContainerPort();
      assertThat(config.server().port()).as("%s: server.port is the container port http", where).isEqualTo(httpPort);
      long grace = m.workload().template().getSpec().getTerminationGracePeriodSeconds();
      assertThat(Duration.ofSeconds(grace)).as("%s: grace period > shutdown-delay + shutdown-timeout", where)
          .isGreaterThan(config.server().shutdownDelay().plus(config.server().shutdownTimeout()));

      String dataMount = files.onVolume(config.storage().path())
          .orElseThrow(() -> new AssertionError(where + ": storage.path is on no volume (the root is read-only)"));
      assertThat(files.mounts.get(dataMount).getReadOnly()).as("%s: data volume writable", where).isNotEqualTo(Boolean.TRUE);
      var dataVolume = files.volumes.get(dataMount);
      assertThat(dataVolume.getEmptyDir() != null || dataVolume.getPersistentVolumeClaim() != null)
          .as("%s: data on an emptyDir or a claim", where).isTrue();
      assertThat(files.onVolume(files.root.resolve("tmp")))
          .as("%s: /tmp is a writable volume (the JVM writes there)", where).isPresent();

      List<Path> named = new java.util.ArrayList<>();
      config.syncWatchList().file().ifPresent(named::add);
      config.auth().usersFile().ifPresent(named::add);
      config.metadata().redis().passwordFile().ifPresent(named::add);
      config.server().tls().certFile().ifPresent(named::add);
      config.server().tls().keyFile().ifPresent(named::add);
      config.git().credentials().forEach(c -> {
        c.tokenFile().ifPresent(named::add);
        c.sshKeyFile().ifPresent(named::add);
        c.knownHostsFile().ifPresent(named::add);
      });
      assertThat(config.syncWatchList().file()).as("%s: a watch list is configured", where).isPresent();
      named.forEach(p -> assertThat(files.onVolume(p)).as("%s: %s is on a volume", where, p).isPresent());

      boolean shared = !m.role().equals("all") || m.workload().owner() instanceof Deployment d && d.getSpec().getReplicas() > 1;
      if (shared) {
        assertThat(config.metadata().type()).as("%s: replicas share metadata", where).isEqualTo(MetadataConfig.Type.REDIS);
        assertThat(config.storage().type()).as("%s: replicas share files", where).isEqualTo(StorageType.S3);
      } else {
        assertThat(dataVolume.getPersistentVolumeClaim()).as("%s: one process keeps its data on a claim", where).isNotNull();
      }
      if (kustomization.equals(Overlays.HA)) {
        sentinelsAreTheRedisPods(r, config.metadata().redis(), where);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {Overlays.BASE, Overlays.SINGLE_NODE, Overlays.HA})
  @DisplayName("every ConfigMap with a mirror.yaml is the one a mirror container loads, and every watchlist.yaml passes the watch list's own validation")
  void everyConfigMapIsValidated(String kustomization) throws Exception {
    Rendered r = Overlays.render(kustomization);
    for (ConfigMap map : r.all(ConfigMap.class)) {
      String name = map.getMetadata().getName();
      if (map.getData().containsKey("mirror.yaml")) {
        assertThat(MirrorContainers.of(r)).as("ConfigMap %s's mirror.yaml is what every mirror container loads", name)
            .allSatisfy(m -> {
              String configArg = m.config().orElseThrow();
              var mount = m.container().getVolumeMounts().stream()
                  .filter(v -> configArg.equals(v.getMountPath() + "/mirror.yaml")).findFirst().orElseThrow();
              var volume = m.workload().template().getSpec().getVolumes().stream()
                  .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
              assertThat(volume.getConfigMap().getName()).isEqualTo(name);
            });
      }
      if (map.getData().containsKey("watchlist.yaml")) {
        Path file = tmp.resolve(name + "-watchlist.yaml");
        java.nio.file.Files.writeString(file, map.getData().get("watchlist.yaml"));
        WatchList.load(file);
      }
    }
  }

  /** The sentinel URLs name pods of the Redis StatefulSet, through its headless Service, on its sentinel port. */
  private static void sentinelsAreTheRedisPods(Rendered r, RedisConfig redis, String where) {
    assertThat(redis.mode()).as(where).isEqualTo(RedisConfig.Mode.SENTINEL);
    StatefulSet set = r.get(StatefulSet.class, "goproxy-redis");
    List<String> urls = new java.util.ArrayList<>(redis.endpoints());
    urls.add(0, redis.url().orElseThrow());
    assertThat(urls).hasSize(set.getSpec().getReplicas());
    for (String url : urls) {
      URI uri = URI.create(url);
      String[] host = uri.getHost().split("\\.", 2);
      assertThat(host[1]).as("%s: %s goes through the governing Service", where, url).isEqualTo(set.getSpec().getServiceName());
      assertThat(host[0]).startsWith(set.getMetadata().getName() + "-");
      assertThat(Integer.parseInt(host[0].substring(set.getMetadata().getName().length() + 1)))
          .isBetween(0, set.getSpec().getReplicas() - 1);
      assertThat(hasPort(set.getSpec().getTemplate().getSpec().getContainers(), new IntOrString(uri.getPort())))
          .as("%s: port of %s", where, url).isTrue();
    }
    String script = r.all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().startsWith("goproxy-redis-scripts"))
        .findFirst().orElseThrow().getData().get("configure.sh");
    assertThat(script).as("the sentinels monitor the master the mirror asks for")
        .contains("sentinel monitor " + redis.masterName().orElseThrow() + " ");
  }

  static List<Probe> probes(Container c) {
    return java.util.stream.Stream.of(c.getStartupProbe(), c.getReadinessProbe(), c.getLivenessProbe())
        .filter(java.util.Objects::nonNull).toList();
  }

  static boolean hasPort(List<Container> containers, IntOrString port) {
    return containers.stream().flatMap(c -> c.getPorts() == null ? java.util.stream.Stream.<ContainerPort>empty() : c.getPorts().stream())
        .anyMatch(p -> port.getIntVal() != null ? port.getIntVal().equals(p.getContainerPort()) : port.getStrVal().equals(p.getName()));
  }

  private static boolean samePort(IntOrString a, IntOrString b, List<Container> containers) {
    return containers.stream().flatMap(c -> c.getPorts().stream())
        .filter(p -> matches(a, p)).anyMatch(p -> matches(b, p));
  }

  private static boolean matches(IntOrString port, ContainerPort p) {
    return port.getIntVal() != null ? port.getIntVal().equals(p.getContainerPort()) : port.getStrVal().equals(p.getName());
  }

  @Test
  @DisplayName("there is no overlay left out of these checks")
  void everyOverlayIsChecked() throws Exception {
    try (var dirs = java.nio.file.Files.list(Overlays.MODULE.resolve("overlays"))) {
      assertThat(dirs.map(d -> "overlays/" + d.getFileName()).toList())
          .containsExactlyInAnyOrderElementsOf(Overlays.ALL.stream().filter(o -> o.startsWith("overlays/")).toList());
    }
  }
}
