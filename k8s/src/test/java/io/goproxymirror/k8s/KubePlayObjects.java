package io.goproxymirror.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A rendered YAML stream cut down to what {@code podman kube play} (4.3) creates: Deployments and
 * Pods, the ConfigMaps and Secrets they read, and PersistentVolumeClaims (named volumes). Every
 * other kind is left out and named in {@link #leftOut()}.
 *
 * <p>podman names the volume of an {@code emptyDir} after the pod's volume ({@code tmp}), one name
 * for every pod on the machine; {@code suffix} is appended to those names here, so that the
 * volumes of one run are its own.
 */
final class KubePlayObjects {

  static final Set<String> PLAYED_KINDS =
      Set.of("Deployment", "Pod", "ConfigMap", "Secret", "PersistentVolumeClaim");
  private static final YAMLMapper YAML = new YAMLMapper();

  private final List<ObjectNode> kept = new ArrayList<>();
  private final Set<String> leftOut = new TreeSet<>();

  KubePlayObjects(String renderedYaml, String suffix) {
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(renderedYaml)) {
      while (documents.hasNextValue()) {
        JsonNode document = documents.nextValue();
        if (document == null || !document.isObject()) {
          continue;
        }
        String kind = document.path("kind").asText();
        if (PLAYED_KINDS.contains(kind)) {
          ObjectNode object = (ObjectNode) document;
          renameEmptyDirs(object, suffix);
          kept.add(object);
        } else {
          leftOut.add(kind + " " + document.path("metadata").path("name").asText());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code kind name} of every object left out. */
  Set<String> leftOut() {
    return leftOut;
  }

  /** {@code kind name} of every object kept. */
  Set<String> kept() {
    Set<String> names = new TreeSet<>();
    kept.forEach(o -> names.add(o.path("kind").asText() + " " + name(o)));
    return names;
  }

  /** The names of the kept objects of {@code kind}. */
  List<String> names(String kind) {
    return kept.stream().filter(o -> o.path("kind").asText().equals(kind)).map(KubePlayObjects::name).toList();
  }

  /** The kept objects as one YAML stream. */
  String yaml() {
    return yaml(Set.of());
  }

  /**
   * The kept objects without the PersistentVolumeClaims: what is played again once their volumes
   * exist (podman refuses to create a claim's volume twice; the pod mounts the existing one).
   */
  String yamlWithoutClaims() {
    return yaml(Set.of("PersistentVolumeClaim"));
  }

  private String yaml(Set<String> without) {
    StringBuilder out = new StringBuilder();
    try {
      for (ObjectNode o : kept) {
        if (!without.contains(o.path("kind").asText())) {
          out.append(YAML.writeValueAsString(o));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static String name(JsonNode object) {
    return object.path("metadata").path("name").asText();
  }

  private static void renameEmptyDirs(ObjectNode object, String suffix) {
    JsonNode podSpec = object.path("kind").asText().equals("Pod")
        ? object.path("spec") : object.path("spec").path("template").path("spec");
    Set<String> renamed = new TreeSet<>();
    for (JsonNode volume : podSpec.path("volumes")) {
      if (volume.has("emptyDir")) {
        renamed.add(volume.path("name").asText());
        ((ObjectNode) volume).put("name", volume.path("name").asText() + "-" + suffix);
      }
    }
    for (String containers : List.of("initContainers", "containers")) {
      for (JsonNode container : podSpec.path(containers)) {
        for (JsonNode mount : container.path("volumeMounts")) {
          if (renamed.contains(mount.path("name").asText())) {
            ((ObjectNode) mount).put("name", mount.path("name").asText() + "-" + suffix);
          }
        }
      }
    }
  }
}
