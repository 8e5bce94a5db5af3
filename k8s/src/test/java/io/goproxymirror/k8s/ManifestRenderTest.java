package io.goproxymirror.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Kubernetes manifests: rendering and strict parsing")
class ManifestRenderTest {

  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: example
      spec:
        replicas: 2
        selector:
          matchLabels: {app: example}
        template:
          metadata:
            labels: {app: example}
          spec:
            containers:
              - name: example
                image: example:1
                readinessProbe:
                  httpGet: {path: /readyz, port: 3000}
      """;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {Overlays.BASE, Overlays.SINGLE_NODE, Overlays.HA})
  @DisplayName("renders with kubectl kustomize, and every object parses strictly into the Kubernetes model")
  void rendersStrictly(String kustomization) {
    Rendered rendered = Overlays.render(kustomization);

    assertThat(rendered.all(Deployment.class)).isNotEmpty();
    Set<String> ids = new HashSet<>();
    for (HasMetadata o : rendered.objects()) {
      assertThat(ids.add(o.getKind() + "/" + o.getMetadata().getName()))
          .as("%s: %s %s appears once", kustomization, o.getKind(), o.getMetadata().getName()).isTrue();
      assertThat(o.getMetadata().getLabels()).as("labels of %s %s", o.getKind(), o.getMetadata().getName())
          .containsKey("app.kubernetes.io/name");
    }
    assertThat(rendered.all(Secret.class)).as("Secrets are created by the operator, never shipped").isEmpty();
    if (!kustomization.equals(Overlays.BASE)) {
      assertThat(rendered.objects()).allSatisfy(o -> assertThat(o.getMetadata().getNamespace())
          .as("namespace of %s %s", o.getKind(), o.getMetadata().getName()).isEqualTo("goproxy"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {Overlays.SINGLE_NODE, Overlays.HA})
  @DisplayName("the monitoring component adds a ServiceMonitor and a PrometheusRule to an overlay")
  void monitoringComponent(String overlay) {
    Rendered rendered = Overlays.renderWithMonitoring(overlay);

    ServiceMonitor monitor = rendered.get(ServiceMonitor.class, "goproxy-mirror");
    assertThat(monitor.getSpec().getEndpoints()).singleElement()
        .satisfies(e -> assertThat(e.getPath()).isEqualTo("/metrics"));
    PrometheusRule rule = rendered.get(PrometheusRule.class, "goproxy-mirror");
    assertThat(rule.getSpec().getGroups()).extracting(g -> g.getName()).contains("goproxy-mirror.alerts");
    assertThat(rendered.objects()).hasSize(Overlays.render(overlay).objects().size() + 2);
  }

  @Test
  @DisplayName("the strict parse accepts a valid object and rejects a misspelt field at any depth")
  void rejectsUnknownFields() {
    assertThat(StrictManifests.parse(DEPLOYMENT)).singleElement().isInstanceOf(Deployment.class);

    // {correct text, misspelt text, the misspelt field's name}
    for (String[] typo : List.of(
        new String[] {"metadata:", "metdata:", "metdata"},
        new String[] {"replicas: 2", "replica: 2", "replica"},
        new String[] {"readinessProbe:", "readinesProbe:", "readinesProbe"},
        new String[] {"{path: /readyz", "{pth: /readyz", "pth"})) {
      String broken = DEPLOYMENT.replace(typo[0], typo[1]);
      assertThat(broken).isNotEqualTo(DEPLOYMENT);
      assertThatThrownBy(() -> StrictManifests.parse(broken))
          .as("typo %s", typo[2])
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Deployment")
          .hasMessageContaining("Unrecognized property \"" + typo[2] + "\"");
    }
  }

  @Test
  @DisplayName("the strict parse rejects a misspelt field of a ServiceMonitor, an unknown kind, a duplicate key and a string for a number")
  void rejectsOtherMistakes() {
    String monitor = """
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata: {name: m}
        spec:
          selector: {matchLabels: {app: m}}
          endpoints: [{port: http, path: /metrics}]
        """;
    assertThat(StrictManifests.parse(monitor)).singleElement().isInstanceOf(ServiceMonitor.class);
    assertThatThrownBy(() -> StrictManifests.parse(monitor.replace("endpoints:", "endpoint:")))
        .hasMessageContaining("endpoint");
    assertThatThrownBy(() -> StrictManifests.parse("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"))
        .hasMessageContaining("kind not expected");
    assertThatThrownBy(() -> StrictManifests.parse(DEPLOYMENT.replace("  replicas: 2\n", "  replicas: 2\n  replicas: 3\n")))
        .hasMessageContaining("replicas");
    assertThatThrownBy(() -> StrictManifests.parse(DEPLOYMENT.replace("replicas: 2", "replicas: \"2\"")))
        .hasMessageContaining("Deployment example");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {Overlays.BASE, Overlays.SINGLE_NODE, Overlays.HA})
  @DisplayName("every pod runs as non-root with a read-only root file system, no privilege escalation, no capabilities, seccomp RuntimeDefault, no service account token, and bounded memory")
  void podsAreLockedDown(String kustomization) {
    Rendered rendered = Overlays.render(kustomization);
    assertThat(rendered.all(ServiceAccount.class)).isNotEmpty()
        .allSatisfy(sa -> assertThat(sa.getAutomountServiceAccountToken()).isFalse());
    for (Rendered.Workload w : rendered.workloads()) {
      PodSpec pod = w.template().getSpec();
      assertThat(pod.getAutomountServiceAccountToken()).as("%s automountServiceAccountToken", w.name()).isFalse();
      assertThat(rendered.find(ServiceAccount.class, pod.getServiceAccountName()))
          .as("%s service account", w.name()).isPresent();
      PodSecurityContext podContext = pod.getSecurityContext();
      assertThat(podContext.getRunAsNonRoot()).as("%s runAsNonRoot", w.name()).isTrue();
      assertThat(podContext.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
      List<Container> containers = new ArrayList<>(pod.getContainers());
      if (pod.getInitContainers() != null) {
        containers.addAll(pod.getInitContainers());
      }
      for (Container c : containers) {
        String label = w.name() + " container " + c.getName();
        SecurityContext sc = c.getSecurityContext();
        assertThat(sc).as(label).isNotNull();
        assertThat(sc.getAllowPrivilegeEscalation()).as("%s allowPrivilegeEscalation", label).isFalse();
        assertThat(sc.getReadOnlyRootFilesystem()).as("%s readOnlyRootFilesystem", label).isTrue();
        assertThat(sc.getPrivileged()).as("%s privileged", label).isNotEqualTo(Boolean.TRUE);
        assertThat(sc.getCapabilities().getDrop()).as("%s capabilities", label).containsExactly("ALL");
        assertThat(sc.getCapabilities().getAdd()).as("%s added capabilities", label).isNullOrEmpty();
        assertThat(sc.getSeccompProfile().getType()).as(label).isEqualTo("RuntimeDefault");
        assertThat(c.getResources().getRequests()).as("%s requests", label).containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).as("%s limits", label).containsKey("memory");
      }
    }
    for (MirrorContainers.InWorkload m : MirrorContainers.of(rendered)) {
      PodSecurityContext podContext = m.workload().template().getSpec().getSecurityContext();
      assertThat(podContext.getRunAsUser()).as("the image's fixed UID").isEqualTo(10001L);
      assertThat(podContext.getFsGroup()).isEqualTo(10001L);
      assertThat(m.container().getImage()).as(m.label()).isEqualTo("goproxy-mirror:0.1.0");
      assertThat(m.container().getStartupProbe()).as("%s startupProbe", m.label()).isNotNull();
      assertThat(m.container().getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
      assertThat(m.container().getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    }
  }

  @Test
  @DisplayName("base: the front (--role mirror) and two workers (--role worker), each with a disruption budget and a NetworkPolicy")
  void base() {
    Rendered rendered = Overlays.render(Overlays.BASE);
    assertThat(MirrorContainers.of(rendered)).extracting(MirrorContainers.InWorkload::role)
        .containsExactlyInAnyOrder("mirror", "worker");
    assertThat(rendered.get(Deployment.class, "goproxy-mirror-worker").getSpec().getReplicas()).isEqualTo(2);
    assertThat(rendered.all(io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class)).hasSize(2);
    assertThat(rendered.all(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class)).hasSize(1);
  }

  @Test
  @DisplayName("single-node: one pod with --role all, replaced (not rolled) on update, /data on a PersistentVolumeClaim; no worker, no Redis")
  void singleNode() {
    Rendered rendered = Overlays.render(Overlays.SINGLE_NODE);
    assertThat(rendered.workloads()).singleElement();
    Deployment mirror = rendered.get(Deployment.class, "goproxy-mirror");
    assertThat(mirror.getSpec().getReplicas()).isEqualTo(1);
    assertThat(mirror.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(MirrorContainers.of(rendered)).singleElement().satisfies(m -> assertThat(m.role()).isEqualTo("all"));
    PodSpec pod = mirror.getSpec().getTemplate().getSpec();
    String dataVolume = pod.getContainers().get(0).getVolumeMounts().stream()
        .filter(v -> v.getMountPath().equals("/data")).findFirst().orElseThrow().getName();
    String claim = pod.getVolumes().stream().filter(v -> v.getName().equals(dataVolume)).findFirst().orElseThrow()
        .getPersistentVolumeClaim().getClaimName();
    assertThat(rendered.find(io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class, claim)).isPresent();
    assertThat(rendered.all(StatefulSet.class)).isEmpty();
  }

  @Test
  @DisplayName("ha: three or more fronts scaled on CPU and spread over nodes, two workers, three Redis pods with Sentinel, an Ingress for 500 MiB zips")
  void ha() {
    Rendered rendered = Overlays.render(Overlays.HA);
    Deployment mirror = rendered.get(Deployment.class, "goproxy-mirror");
    assertThat(mirror.getSpec().getReplicas()).isGreaterThanOrEqualTo(3);
    var hpa = rendered.get(io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class, "goproxy-mirror");
    assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(3);
    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("goproxy-mirror");
    assertThat(hpa.getSpec().getMetrics()).singleElement()
        .satisfies(m -> assertThat(m.getResource().getName()).isEqualTo("cpu"));
    for (String name : List.of("goproxy-mirror", "goproxy-mirror-worker")) {
      var template = rendered.get(Deployment.class, name).getSpec().getTemplate();
      var terms = template.getSpec().getAffinity().getPodAntiAffinity()
          .getPreferredDuringSchedulingIgnoredDuringExecution();
      assertThat(terms).as("%s anti-affinity", name).singleElement().satisfies(t -> {
        assertThat(t.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname");
        assertThat(Labels.matches(Labels.of(t.getPodAffinityTerm().getLabelSelector()),
            template.getMetadata().getLabels())).as("%s keeps its own pods apart", name).isTrue();
      });
    }
    assertThat(rendered.get(Deployment.class, "goproxy-mirror-worker").getSpec().getReplicas()).isEqualTo(2);

    StatefulSet redis = rendered.get(StatefulSet.class, "goproxy-redis");
    assertThat(redis.getSpec().getReplicas()).isEqualTo(3);
    assertThat(redis.getSpec().getTemplate().getSpec().getContainers())
        .extracting(Container::getName, Container::getImage)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("redis", "redis:7.2"),
            org.assertj.core.groups.Tuple.tuple("sentinel", "redis:7.2"));

    var ingress = rendered.get(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class, "goproxy-mirror");
    var annotations = ingress.getMetadata().getAnnotations();
    assertThat(sizeInMiB(annotations.get("nginx.ingress.kubernetes.io/proxy-body-size")))
        .as("body size limit").isGreaterThanOrEqualTo(500);
    Stream.of("proxy-read-timeout", "proxy-send-timeout").forEach(key ->
        assertThat(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/" + key)))
            .as(key).isGreaterThanOrEqualTo(300));
    assertThat(annotations.get("nginx.ingress.kubernetes.io/proxy-buffering")).isEqualTo("off");
  }

  private static long sizeInMiB(String nginxSize) {
    String s = nginxSize.strip().toLowerCase(java.util.Locale.ROOT);
    if (s.endsWith("g")) {
      return Long.parseLong(s.substring(0, s.length() - 1)) * 1024;
    }
    if (s.endsWith("m")) {
      return Long.parseLong(s.substring(0, s.length() - 1));
    }
    throw new AssertionError("body size without m or g unit: " + nginxSize);
  }
}
