package io.goproxymirror.k8s;

import io.goproxymirror.mirror.testkit.ProcessResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;

/**
 * {@code podman kube play} and {@code podman kube down} of {@link KubePlayObjects} whose one
 * Deployment runs a mirror on the host's network at 127.0.0.1:{@code port}. The first play creates
 * the claims' volumes; {@link #playAgain()} recreates the pod on them, as a cluster recreates a pod
 * and binds the claim that is still there. {@link #close()} takes the pod down and removes the
 * volumes of the claims and ConfigMaps; podman removes those of the emptyDirs with the pod.
 */
final class KubePlay implements AutoCloseable {

  private static final Duration START_BOUND = Duration.ofMinutes(2);
  private static final Duration PODMAN_BOUND = Duration.ofMinutes(2);

  private final Podman podman;
  private final KubePlayObjects objects;
  private final Path dir;
  private final MirrorHttp http;
  private Path played;
  private String container;

  KubePlay(Podman podman, KubePlayObjects objects, Path dir, int port) {
    this.podman = podman;
    this.objects = objects;
    this.dir = dir;
    this.http = new MirrorHttp(port);
  }

  /** Plays every object, creating the claims' volumes; waits for the mirror's /healthz. */
  void play() {
    up(write("play.yaml", objects.yaml()));
  }

  /** Plays the objects again without the claims, whose volumes exist; waits for /healthz. */
  void playAgain() {
    up(write("play-again.yaml", objects.yamlWithoutClaims()));
  }

  /** {@code podman kube down}: stops and removes the pod; volumes stay. */
  void down() {
    if (played != null) {
      podman.check(PODMAN_BOUND, List.of("kube", "down", played.toString()));
      played = null;
      container = null;
    }
  }

  MirrorHttp http() {
    return http;
  }

  /** The ID of the mirror's container in the running pod. */
  String container() {
    return container;
  }

  boolean volumeExists(String name) {
    return podman.run(PODMAN_BOUND, List.of("volume", "exists", name)).succeeded();
  }

  /** What the mirror's container wrote so far. */
  String logs() {
    ProcessResult logs = podman.run(PODMAN_BOUND, List.of("logs", container));
    return logs.stdout() + logs.stderr();
  }

  @Override
  public void close() {
    try {
      down();
    } finally {
      List<String> volumes = new ArrayList<>(objects.names("PersistentVolumeClaim"));
      volumes.addAll(objects.names("ConfigMap"));
      for (String volume : volumes) {
        if (volumeExists(volume)) {
          podman.check(PODMAN_BOUND, List.of("volume", "rm", volume));
        }
      }
    }
  }

  private void up(Path yaml) {
    ProcessResult play = podman.check(PODMAN_BOUND, List.of("kube", "play", yaml.toString()));
    played = yaml;
    container = containerId(play);
    http.awaitHealthy("the mirror of " + yaml.getFileName(), START_BOUND, this::running, this::logs);
  }

  private boolean running() {
    return podman.check("inspect", "--format", "{{.State.Running}}", container).stdout().trim().equals("true");
  }

  /** The ID under "Container:" in what kube play printed. */
  private static String containerId(ProcessResult play) {
    List<String> lines = play.stdout().lines().map(String::trim).toList();
    int heading = lines.indexOf("Container:");
    if (heading < 0 || heading + 1 >= lines.size() || lines.get(heading + 1).isEmpty()) {
      return Assertions.fail("podman kube play named no container\n" + play.describe());
    }
    return lines.get(heading + 1);
  }

  private Path write(String name, String yaml) {
    try {
      Files.createDirectories(dir);
      return Files.writeString(dir.resolve(name), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
