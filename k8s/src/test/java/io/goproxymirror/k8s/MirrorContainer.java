package io.goproxymirror.k8s;

import io.goproxymirror.mirror.testkit.LoopbackPorts;
import io.goproxymirror.mirror.testkit.ProcessResult;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One container of the mirror's image, run as production would run it: read-only root file system
 * (no tmpfs either), the data directory on a fresh named volume, the image's own user and entry
 * point. It shares the host's network so it reaches test upstreams on 127.0.0.1, and listens on a
 * free loopback port. {@link #close()} removes the container and its volume.
 */
final class MirrorContainer implements AutoCloseable {

  private static final Duration START_BOUND = Duration.ofSeconds(90);

  private final Podman podman;
  private final String name;
  private final int port;
  private final MirrorHttp http;

  private MirrorContainer(Podman podman, String name, int port) {
    this.podman = podman;
    this.name = name;
    this.port = port;
    this.http = new MirrorHttp(port);
  }

  /** Starts {@code image} with {@code env} and the arguments {@code args}; waits for /healthz. */
  static MirrorContainer start(Podman podman, String image, Map<String, String> env, List<String> args) {
    MirrorContainer container = new MirrorContainer(
        podman, "goproxy-mirror-test-" + UUID.randomUUID().toString().substring(0, 8), LoopbackPorts.free());
    List<String> run = new ArrayList<>(List.of("run", "--detach", "--name", container.name,
        "--read-only", "--read-only-tmpfs=false", "--network", "host",
        "--volume", container.volume() + ":/data",
        "--env", "MIRROR_SERVER_HOST=127.0.0.1", "--env", "MIRROR_PORT=" + container.port));
    env.forEach((key, value) -> run.addAll(List.of("--env", key + "=" + value)));
    run.add(image);
    run.addAll(args);
    podman.check(Duration.ofMinutes(1), run);
    try {
      container.http.awaitHealthy("container " + container.name, START_BOUND, container::running,
          container::logs);
    } catch (RuntimeException | AssertionError e) {
      container.close();
      throw e;
    }
    return container;
  }

  String baseUrl() {
    return http.baseUrl();
  }

  String name() {
    return name;
  }

  /** GET {@code path} on the container; the status and the body. */
  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.get(path);
  }

  /** What the process wrote to stdout and stderr so far. */
  String logs() {
    ProcessResult logs = podman.check("logs", name);
    return logs.stdout() + logs.stderr();
  }

  /** Runs a command inside the running container (as its user); never fails on a non-zero exit. */
  ProcessResult exec(String... command) {
    List<String> args = new ArrayList<>(List.of("exec", name));
    args.addAll(List.of(command));
    return podman.run(Duration.ofMinutes(1), args);
  }

  @Override
  public void close() {
    podman.run(Duration.ofMinutes(1), List.of("rm", "--force", "--time", "10", name));
    podman.run(Duration.ofMinutes(1), List.of("volume", "rm", "--force", volume()));
  }

  private String volume() {
    return name + "-data";
  }

  private boolean running() {
    return podman.check("inspect", "--format", "{{.State.Running}}", name).stdout().trim().equals("true");
  }
}
