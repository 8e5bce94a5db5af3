package io.goproxymirror.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Volume;
import io.goproxymirror.k8s.GoldenModules.ModuleVersion;
import io.goproxymirror.mirror.testkit.HttpProbe;
import io.goproxymirror.mirror.testkit.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-node overlay under {@code podman kube play}: {@code k8s/test/overlays/podman-single-node}
 * (the overlay with the test image, host networking and the changes below) and a kustomization of
 * this run on top (the port, {@code MIRROR_UPSTREAM} pointing at a test upstream on the host, a
 * name suffix), rendered with {@code kubectl kustomize}. The go command downloads through the pod;
 * the pod is then taken down and played again, and serves what it stored with the upstream stopped.
 *
 * <p>What podman kube play (4.3, Debian bookworm) does not carry, and how the test stands in:
 * <ul>
 *   <li>The Service, ServiceAccount, PodDisruptionBudget and NetworkPolicy are left out: podman
 *       has no cluster. The go command reaches the pod on the host's network, not through the
 *       Service; no network policy is enforced.</li>
 *   <li>The PersistentVolumeClaim becomes a podman named volume of the claim's name, which stays
 *       when the pod goes ({@code podman kube down}). podman refuses to create it a second time, so
 *       the second play leaves the claim out and the new pod mounts the existing volume, as a
 *       recreated pod binds the claim that is still there.</li>
 *   <li>The test overlay runs the pod on the host's network ({@code hostNetwork}, to reach the
 *       upstream on 127.0.0.1) and drops the container's {@code ports} (podman 4.3 publishes each
 *       containerPort on the host and refuses that with host networking); the optional Secret
 *       volumes are empty directories (podman 4.3 fails on a missing Secret even when it is
 *       optional; Kubernetes mounts an empty directory there).</li>
 *   <li>Probes: podman turns the liveness probe into a healthcheck that runs curl, which the image
 *       does not have, and schedules it with systemd timers (absent in CI containers); startup and
 *       readiness probes are ignored. The test polls {@code /healthz} itself.</li>
 *   <li>Ignored by podman: the namespace, {@code fsGroup} (the volume gets the owner of the
 *       image's {@code /data}), {@code terminationGracePeriodSeconds} (kube down stops with 10 s)
 *       and emptyDir size limits. Carried: the arguments ({@code --config}, {@code --role all}),
 *       the ConfigMap as a volume, UID and GID 10001, the read-only root file system, the dropped
 *       capabilities, the memory and CPU limits.</li>
 * </ul>
 */
@DisplayName("the single-node overlay under podman kube play")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubePlayTest {

  static final String TEST_OVERLAY = "test/overlays/podman-single-node";

  private Path tmp;
  private String suffix;
  private int port;
  private Rendered rendered;
  private KubePlayObjects objects;
  private GoldenModules modules;
  private Podman podman;
  private KubePlay pod;

  @BeforeAll
  void start(@TempDir Path dir) {
    tmp = dir;
    podman = Podman.require();
    modules = GoldenModules.create(tmp.resolve("modules"));
    suffix = "kp" + UUID.randomUUID().toString().substring(0, 8);
    port = LoopbackPorts.free();
    String yaml = Tools.kustomize(runOverlay(port, modules.upstream().baseUrl()));
    rendered = new Rendered(TEST_OVERLAY + " of this run", StrictManifests.parse(yaml));
    objects = new KubePlayObjects(yaml, suffix);
    MirrorImage.build(podman);
    pod = new KubePlay(podman, objects, tmp.resolve("kube"), port);
  }

  @AfterAll
  void stop() {
    try {
      if (pod != null) {
        pod.close();
        // Every volume of the run (claim, ConfigMap, emptyDirs) carries the suffix in its name.
        assertThat(podman.check("volume", "ls", "--format", "{{.Name}}").stdout().lines())
            .as("volumes of this run left behind").noneMatch(name -> name.contains(suffix));
      }
    } finally {
      if (modules != null) {
        modules.close();
      }
    }
  }

  @Test
  @DisplayName("kube play gets the Deployment (--role all, the claim at /data), its ConfigMap and the claim; the rest is left out")
  void playsTheSingleNodeObjects() {
    assertThat(objects.kept()).containsExactlyInAnyOrder(
        "Deployment goproxy-mirror-" + suffix,
        "PersistentVolumeClaim goproxy-mirror-data-" + suffix,
        "ConfigMap " + objects.names("ConfigMap").get(0));
    assertThat(objects.names("ConfigMap").get(0)).startsWith("goproxy-mirror-config-" + suffix);
    assertThat(objects.leftOut()).containsExactlyInAnyOrder(
        "ServiceAccount goproxy-mirror-" + suffix,
        "Service goproxy-mirror-" + suffix,
        "PodDisruptionBudget goproxy-mirror-" + suffix,
        "NetworkPolicy goproxy-mirror-" + suffix);
    // The test image is not named goproxy-mirror, so the container is found by the workload.
    List<Rendered.Workload> workloads = rendered.workloads();
    assertThat(workloads).hasSize(1);
    MirrorContainers.InWorkload mirror = new MirrorContainers.InWorkload(
        workloads.get(0), workloads.get(0).template().getSpec().getContainers().get(0));
    assertThat(mirror.role()).isEqualTo("all");
    assertThat(mirror.container().getImage()).isEqualTo(MirrorImage.TAG);
    String dataVolume = mirror.container().getVolumeMounts().stream()
        .filter(m -> m.getMountPath().equals("/data")).findFirst().orElseThrow().getName();
    Volume data = mirror.workload().template().getSpec().getVolumes().stream()
        .filter(v -> v.getName().equals(dataVolume)).findFirst().orElseThrow();
    assertThat(data.getPersistentVolumeClaim().getClaimName()).isEqualTo("goproxy-mirror-data-" + suffix);
  }

  @Test
  @DisplayName("the go command gets byte-exact modules through the played pod; recreated on its volume, the pod serves them with the upstream stopped")
  void servesAndKeepsItsDataAcrossARestart() throws Exception {
    long started = System.nanoTime();
    pod.play();
    modules.assertGoDownloadsThrough(tmp.resolve("go-first"), pod.http().baseUrl(), "first pod");
    // JSON lines (log.format of the overlay's ConfigMap), the port of this run, data on the claim.
    assertThat(pod.logs()).contains("\"message\":\"event=started role=all scheme=http port=" + port + " data=/data ");
    for (ModuleVersion m : GoldenModules.MODULES) {
      assertHit(m, "first pod");
    }
    assertThat(modules.upstream().requests().count(GoldenModules.HELLO.zipPath())).isEqualTo(1);
    String first = pod.container();

    pod.down();
    String claim = objects.names("PersistentVolumeClaim").get(0);
    assertThat(pod.volumeExists(claim)).as("volume %s after kube down", claim).isTrue();
    int upstreamPort = modules.upstream().port();
    modules.stopUpstream();
    assertThat(HttpProbe.get(upstreamPort, "/")).as("the stopped upstream refuses connections").isEmpty();
    pod.playAgain();
    assertThat(pod.container()).as("a new container").isNotEqualTo(first);
    for (ModuleVersion m : GoldenModules.MODULES) {
      assertHit(m, "recreated pod, upstream stopped");
    }
    modules.assertGoDownloadsThrough(tmp.resolve("go-again"), pod.http().baseUrl(), "recreated pod, upstream stopped");

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    Duration build = MirrorImage.buildTime();
    System.out.println("event=kube_play_test seconds=" + took.toSeconds()
        + " image_build_seconds=" + (build == null ? "?" : build.toSeconds()));
  }

  /** The zip as the mirror serves it: a hit, byte for byte the go command's own download. */
  private void assertHit(ModuleVersion m, String round) throws IOException, InterruptedException {
    HttpResponse<byte[]> zip = pod.http().getBytes(m.zipPath());
    assertThat(zip.statusCode()).as("%s, %s", m.zipPath(), round).isEqualTo(200);
    assertThat(zip.headers().firstValue("X-Cache")).as("%s X-Cache, %s", m.zipPath(), round).contains("HIT");
    assertThat(zip.body()).as("%s bytes, %s", m.zipPath(), round).isEqualTo(modules.golden(m).zipBytes());
  }

  /**
   * This run's kustomization, under {@code target/kustomize/}: the test overlay with the mirror's
   * port, its upstream and a name suffix.
   */
  private Path runOverlay(int port, String upstream) {
    Path dir = Overlays.MODULE.resolve("target/kustomize/podman-single-node-" + suffix);
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("kustomization.yaml"), String.join("\n",
          "apiVersion: kustomize.config.k8s.io/v1beta1",
          "kind: Kustomization",
          "resources:",
          "  - " + dir.relativize(Overlays.MODULE.resolve(TEST_OVERLAY)),
          "nameSuffix: -" + suffix,
          "patches:",
          "  - target:",
          "      kind: Deployment",
          "    patch: |-",
          env("MIRROR_PORT", Integer.toString(port)),
          env("MIRROR_UPSTREAM", upstream),
          ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  private static String env(String name, String value) {
    return String.join("\n",
        "      - op: add",
        "        path: /spec/template/spec/containers/0/env/-",
        "        value:",
        "          name: " + name,
        "          value: \"" + value + "\"");
  }
}
