package io.goproxymirror.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of a list key as text, before conversion.
 *
 * @param path the entry's path for messages, for example {@code git.rewrites[1]}
 * @param fields the entry's keys and their values, already substituted
 */
record ListItem(String path, Map<String, RawValue> fields) {

  ListItem {
    fields = Map.copyOf(fields);
  }

  /** The path of one of its keys, for example {@code git.rewrites[1].to}. */
  String pathOf(String field) {
    return path + "." + field;
  }

  /** The stripped value of {@code field}, if set. */
  Optional<String> text(String field) {
    return Optional.ofNullable(fields.get(field)).map(v -> v.text().strip());
  }

  /**
   * @throws ConfigException when the key is missing or empty; {@code siblings} are the keys every
   *     entry of this list needs, named in the message
   */
  String required(String field, List<String> siblings) {
    if (!fields.containsKey(field)) {
      throw new ConfigException(
          pathOf(field), "missing (each entry needs " + String.join(" and ", siblings) + ")");
    }
    return nonEmpty(field).orElseThrow();
  }

  /**
   * The stripped value of an optional key.
   *
   * @throws ConfigException when it is set but empty
   */
  Optional<String> nonEmpty(String field) {
    Optional<String> value = text(field);
    if (value.isPresent() && value.get().isEmpty()) {
      throw new ConfigException(pathOf(field), "must not be empty");
    }
    return value;
  }

  /**
   * Converts an optional key with {@code parser}.
   *
   * @throws ConfigException naming the key when the parser refuses the value
   */
  <T> Optional<T> parsed(String field, ValueParser<T> parser) {
    return Optional.ofNullable(fields.get(field))
        .map(
            v -> {
              try {
                return parser.parse(v.text());
              } catch (IllegalArgumentException e) {
                throw new ConfigException(pathOf(field), e.getMessage());
              }
            });
  }
}
