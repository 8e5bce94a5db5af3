package io.goproxymirror.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kustomizations of {@code k8s/}, rendered once per test run. Tests run in the module's
 * directory ({@code k8s/}), where {@code base}, {@code overlays} and {@code components} are.
 */
final class Overlays {
  static final Path MODULE = Path.of("").toAbsolutePath();
  static final String BASE = "base";
  static final String SINGLE_NODE = "overlays/single-node";
  static final String HA = "overlays/ha";
  static final String MONITORING = "components/monitoring";

  /** Every kustomization an operator applies, and base. */
  static final List<String> ALL = List.of(BASE, SINGLE_NODE, HA);

  private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

  private Overlays() {}

  static Rendered render(String kustomization) {
    return CACHE.computeIfAbsent(kustomization,
        k -> new Rendered(k, StrictManifests.parse(Tools.kustomize(MODULE.resolve(k)))));
  }

  /**
   * An overlay with the monitoring component added, as the README says to add it: a kustomization
   * (under {@code target/}) whose resources are the overlay and whose components are the
   * monitoring component.
   */
  static Rendered renderWithMonitoring(String overlay) {
    return CACHE.computeIfAbsent(overlay + "+" + MONITORING, k -> {
      Path dir = MODULE.resolve("target/kustomize/" + overlay.replace('/', '-') + "-monitoring");
      try {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kustomization.yaml"), String.join("\n",
            "apiVersion: kustomize.config.k8s.io/v1beta1",
            "kind: Kustomization",
            "resources:",
            "  - " + dir.relativize(MODULE.resolve(overlay)),
            "components:",
            "  - " + dir.relativize(MODULE.resolve(MONITORING)),
            ""));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Rendered(k, StrictManifests.parse(Tools.kustomize(dir)));
    });
  }

  /** The text of {@code ../README.md}. */
  static String readme() {
    try {
      return Files.readString(MODULE.resolveSibling("README.md"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The README's section "Kubernetes", up to the next second-level heading. */
  static String readmeKubernetesSection() {
    String readme = readme();
    int start = readme.indexOf("\n## Kubernetes\n");
    if (start < 0) {
      throw new AssertionError("README.md has no section \"## Kubernetes\"");
    }
    int end = readme.indexOf("\n## ", start + 1);
    return end < 0 ? readme.substring(start) : readme.substring(start, end);
  }
}
