package io.goproxymirror.config.load;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The paths of every key, single-value ({@link ConfigKeys}) and list ({@link ListKey}), in
 * declaration order: which key a path names, which paths are sections, and what the messages about
 * unknown keys list and suggest.
 */
final class KeyPaths {

  private static final Map<String, Key<?>> BY_PATH =
      ConfigKeys.all().stream().collect(Collectors.toMap(Key::path, Function.identity()));

  private KeyPaths() {}

  static Optional<Key<?>> byPath(String path) {
    return Optional.ofNullable(BY_PATH.get(path));
  }

  /** Whether {@code path} is a mapping of keys, such as {@code server}. */
  static boolean isSection(String path) {
    return !childNames(path).isEmpty();
  }

  /** The names of the keys directly under {@code section}; the top level for {@code ""}. */
  static List<String> childNames(String section) {
    String prefix = section.isEmpty() ? "" : section + ".";
    Set<String> names = new LinkedHashSet<>();
    for (String path : keyPaths()) {
      if (path.startsWith(prefix)) {
        String rest = path.substring(prefix.length());
        int dot = rest.indexOf('.');
        names.add(dot < 0 ? rest : rest.substring(0, dot));
      }
    }
    return List.copyOf(names);
  }

  /** Every key and section path, for suggestions. */
  static List<String> allPaths() {
    Set<String> paths = new LinkedHashSet<>();
    for (String path : keyPaths()) {
      int dot = path.indexOf('.');
      if (dot > 0) {
        paths.add(path.substring(0, dot));
      }
      paths.add(path);
    }
    return List.copyOf(paths);
  }

  /** The paths of every single-value key, then of every list key. */
  private static List<String> keyPaths() {
    return Stream.concat(
            ConfigKeys.all().stream().map(Key::path),
            Stream.of(ListKey.values()).map(ListKey::path))
        .toList();
  }
}
