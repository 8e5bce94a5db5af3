package io.goproxymirror.mirror.serve;

import io.goproxymirror.gomod.Semver;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;
import java.util.function.Predicate;

/** A {@code list} body: distinct versions in semver order, one per line. */
final class VersionList {
  private final TreeSet<String> versions = new TreeSet<>(Semver.ORDER);

  /** Adds a version; false if it was there already. */
  boolean add(String version) {
    return versions.add(version);
  }

  /** Adds the first field of each line of a list body when {@code keep} accepts it. */
  VersionList addLines(byte[] body, Predicate<String> keep) {
    new String(body, StandardCharsets.UTF_8).lines().forEach(line -> {
      String field = line.trim().split("\\s+")[0];
      if (!field.isEmpty() && keep.test(field)) {
        versions.add(field);
      }
    });
    return this;
  }

  byte[] bytes() {
    StringBuilder out = new StringBuilder();
    versions.forEach(v -> out.append(v).append('\n'));
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
