package io.goproxymirror.k8s;

import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The containers that run the mirror's image, and what their command lines say. */
final class MirrorContainers {
  static final String IMAGE = "goproxy-mirror";

  /** A mirror container and the workload it belongs to. */
  record InWorkload(Rendered.Workload workload, Container container) {
    String label() {
      return workload.name() + " container " + container.getName();
    }

    /** The value of {@code --role}; the mirror's default is {@code all}. */
    String role() {
      return option("--role").orElse("all");
    }

    /** The value of {@code --config}. */
    Optional<String> config() {
      return option("--config");
    }

    private Optional<String> option(String name) {
      List<String> args = container.getArgs() == null ? List.of() : container.getArgs();
      for (int i = 0; i < args.size(); i++) {
        if (args.get(i).equals(name) && i + 1 < args.size()) {
          return Optional.of(args.get(i + 1));
        }
        if (args.get(i).startsWith(name + "=")) {
          return Optional.of(args.get(i).substring(name.length() + 1));
        }
      }
      return Optional.empty();
    }
  }

  private MirrorContainers() {}

  static boolean isMirror(Container c) {
    String image = c.getImage() == null ? "" : c.getImage();
    return image.equals(IMAGE) || image.startsWith(IMAGE + ":") || image.startsWith(IMAGE + "@");
  }

  static List<InWorkload> of(Rendered rendered) {
    List<InWorkload> result = new ArrayList<>();
    for (Rendered.Workload w : rendered.workloads()) {
      for (Container c : w.template().getSpec().getContainers()) {
        if (isMirror(c)) {
          result.add(new InWorkload(w, c));
        }
      }
    }
    return result;
  }
}
