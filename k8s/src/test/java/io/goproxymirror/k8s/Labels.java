package io.goproxymirror.k8s;

import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Map;

/** Label selection as Kubernetes does it, for the equality selectors these manifests use. */
final class Labels {
  private Labels() {}

  /** Whether {@code labels} carry every pair of {@code selector} (an empty selector selects all). */
  static boolean matches(Map<String, String> selector, Map<String, String> labels) {
    Map<String, String> actual = labels == null ? Map.of() : labels;
    return (selector == null ? Map.<String, String>of() : selector).entrySet().stream()
        .allMatch(e -> e.getValue().equals(actual.get(e.getKey())));
  }

  /**
   * The {@code matchLabels} of a selector; a selector with {@code matchExpressions} is refused, so
   * that no check here silently ignores part of a selector.
   */
  static Map<String, String> of(LabelSelector selector) {
    if (selector == null) {
      return Map.of();
    }
    if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
      throw new AssertionError("matchExpressions are not used in these manifests: " + selector);
    }
    return selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
  }
}
