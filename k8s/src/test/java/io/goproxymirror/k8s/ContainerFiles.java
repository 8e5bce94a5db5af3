package io.goproxymirror.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.load.ConfigLoader;
import io.goproxymirror.config.value.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a mirror container would see, laid out under a temporary directory: every volume mount as a
 * directory under {@code root} (ConfigMap keys with their rendered content, Secret keys with the
 * values a test gives or sample values, as the operator would create them), and the container's
 * environment (literal values, given or sample values for Secret keys, ConfigMap values).
 *
 * <p>Absolute paths of the container in the ConfigMap files, the environment and the arguments are
 * moved under {@code root} in one pass (a path on no volume stays as it is, so a setting that
 * points outside the mounts shows up in {@link #onVolume}).
 */
final class ContainerFiles {

  /** Values for the Secret keys these manifests read from the environment; files get a sample. */
  private static final Map<String, String> SAMPLE_VALUES = Map.of(
      "endpoint", "https://minio.example.com",
      "bucket", "goproxy");
  private static final String SAMPLE_SECRET = "sample-secret-value-of-the-k8s-tests";

  final Path root;
  final Map<String, String> env = new LinkedHashMap<>();
  /** Mount path to the volume mounted there. */
  final Map<String, Volume> volumes = new LinkedHashMap<>();
  final Map<String, VolumeMount> mounts = new LinkedHashMap<>();
  private final Pattern containerPaths;
  /** Values of Secret keys, by {@code secret-name/key}; a key not here gets a sample value. */
  private final Map<String, String> secrets;

  ContainerFiles(Rendered rendered, Rendered.Workload workload, Container container, Path root) {
    this(rendered, workload, container, root, Map.of());
  }

  /**
   * As the operator's Secrets would fill them: {@code secrets} maps {@code secret-name/key} to its
   * value (in files and in the environment); the other keys get sample values.
   */
  ContainerFiles(Rendered rendered, Rendered.Workload workload, Container container, Path root,
      Map<String, String> secrets) {
    this.root = root;
    this.secrets = Map.copyOf(secrets);
    List<Volume> podVolumes = workload.template().getSpec().getVolumes();
    for (VolumeMount mount : container.getVolumeMounts()) {
      Volume volume = podVolumes.stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
          .orElseThrow(() -> new AssertionError(workload.name() + ": no volume " + mount.getName()));
      volumes.put(mount.getMountPath(), volume);
      mounts.put(mount.getMountPath(), mount);
    }
    containerPaths = Pattern.compile("(?<![^\\s\"'=:,\\[])("
        + volumes.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed())
            .map(Pattern::quote).collect(Collectors.joining("|"))
        + ")(?=/|$|[\\s\"',\\]])", Pattern.MULTILINE);
    try {
      for (Map.Entry<String, Volume> e : volumes.entrySet()) {
        fill(rendered, workload, e.getValue(), underRoot(e.getKey()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (container.getEnv() != null) {
      for (EnvVar var : container.getEnv()) {
        env.put(var.getName(), value(rendered, var));
      }
    }
  }

  /**
   * The container's configuration as the mirror would load it at start: the file its {@code
   * --config} names (which must be on a volume) and its environment, through {@link ConfigLoader}.
   */
  MirrorConfig loadConfig(MirrorContainers.InWorkload mirror, String where) {
    String configArg = mirror.config().orElseThrow(() -> new AssertionError(where + ": no --config"));
    Path configFile = Path.of(relocate(configArg));
    assertThat(onVolume(configFile)).as("%s: %s is on a volume", where, configArg).isPresent();
    try {
      return ConfigLoader.load(java.util.Optional.of(configFile), env);
    } catch (ConfigException e) {
      throw new AssertionError(where + ": the mirror would not start: " + e.getMessage(), e);
    }
  }

  /** {@code text} with every container path on a volume moved under {@link #root}. */
  String relocate(String text) {
    Matcher m = containerPaths.matcher(text);
    return m.replaceAll(r -> Matcher.quoteReplacement(underRoot(r.group(1)).toString()));
  }

  /** The mount path of the volume holding {@code path} (a relocated path), if any. */
  java.util.Optional<String> onVolume(Path path) {
    return volumes.keySet().stream()
        .filter(mountPath -> path.normalize().startsWith(underRoot(mountPath)))
        .max(Comparator.comparingInt(String::length));
  }

  private Path underRoot(String containerPath) {
    return root.resolve(containerPath.substring(1));
  }

  private void fill(Rendered rendered, Rendered.Workload workload, Volume volume, Path dir) throws IOException {
    Files.createDirectories(dir);
    if (volume.getConfigMap() != null) {
      ConfigMap map = rendered.get(ConfigMap.class, volume.getConfigMap().getName());
      for (Map.Entry<String, String> file : keys(map.getData().keySet(), volume.getConfigMap().getItems()).entrySet()) {
        Files.writeString(dir.resolve(file.getValue()), relocate(map.getData().get(file.getKey())));
      }
    } else if (volume.getSecret() != null) {
      assertThat(volume.getSecret().getItems())
          .as("%s: Secret volume %s lists its keys (items), so that they are documented", workload.name(),
              volume.getName())
          .isNotEmpty();
      for (KeyToPath item : volume.getSecret().getItems()) {
        String sample = item.getKey().endsWith(".yaml") ? "users: []\n" : SAMPLE_SECRET;
        Files.writeString(dir.resolve(item.getPath()),
            secrets.getOrDefault(volume.getSecret().getSecretName() + "/" + item.getKey(), sample));
      }
    } else {
      assertThat(volume.getEmptyDir() != null || volume.getPersistentVolumeClaim() != null)
          .as("%s: volume %s is a ConfigMap, a Secret, an emptyDir or a claim", workload.name(), volume.getName())
          .isTrue();
    }
  }

  private static Map<String, String> keys(java.util.Set<String> all, List<KeyToPath> items) {
    Map<String, String> keyToPath = new LinkedHashMap<>();
    if (items == null || items.isEmpty()) {
      all.forEach(k -> keyToPath.put(k, k));
    } else {
      items.forEach(i -> keyToPath.put(i.getKey(), i.getPath()));
    }
    return keyToPath;
  }

  private String value(Rendered rendered, EnvVar var) {
    if (var.getValueFrom() == null) {
      return relocate(var.getValue() == null ? "" : var.getValue());
    }
    if (var.getValueFrom().getSecretKeyRef() != null) {
      var ref = var.getValueFrom().getSecretKeyRef();
      String given = secrets.get(ref.getName() + "/" + ref.getKey());
      return given != null ? given : SAMPLE_VALUES.getOrDefault(ref.getKey(), SAMPLE_SECRET);
    }
    if (var.getValueFrom().getConfigMapKeyRef() != null) {
      var ref = var.getValueFrom().getConfigMapKeyRef();
      return relocate(rendered.get(ConfigMap.class, ref.getName()).getData().get(ref.getKey()));
    }
    throw new AssertionError("env " + var.getName() + ": only values, Secret and ConfigMap keys are expected");
  }
}
