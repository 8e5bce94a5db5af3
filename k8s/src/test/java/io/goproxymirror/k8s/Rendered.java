package io.goproxymirror.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The objects of one rendered kustomization, with the lookups the checks need. */
record Rendered(String name, List<HasMetadata> objects) {

  /** A pod template and the workload (Deployment or StatefulSet) that owns it. */
  record Workload(HasMetadata owner, PodTemplateSpec template) {
    String name() {
      return owner.getKind() + " " + owner.getMetadata().getName();
    }

    Map<String, String> labels() {
      Map<String, String> labels = template.getMetadata() == null ? null : template.getMetadata().getLabels();
      return labels == null ? Map.of() : labels;
    }
  }

  Rendered {
    objects = List.copyOf(objects);
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> Optional<T> find(Class<T> type, String objectName) {
    return all(type).stream().filter(o -> objectName.equals(o.getMetadata().getName())).findFirst();
  }

  <T extends HasMetadata> T get(Class<T> type, String objectName) {
    return find(type, objectName).orElseThrow(
        () -> new AssertionError(name + ": no " + type.getSimpleName() + " named " + objectName));
  }

  /** Every pod template, of Deployments and StatefulSets. */
  List<Workload> workloads() {
    List<Workload> result = new ArrayList<>();
    for (Deployment d : all(Deployment.class)) {
      result.add(new Workload(d, d.getSpec().getTemplate()));
    }
    for (StatefulSet s : all(StatefulSet.class)) {
      result.add(new Workload(s, s.getSpec().getTemplate()));
    }
    return result;
  }

  /** The pod templates whose labels carry every pair of {@code selector}. */
  List<Workload> selected(Map<String, String> selector) {
    return workloads().stream().filter(w -> Labels.matches(selector, w.labels())).toList();
  }

  @Override
  public String toString() {
    return name;
  }
}
