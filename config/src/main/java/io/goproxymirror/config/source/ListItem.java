package io.goproxymirror.config.source;

import io.goproxymirror.config.value.ConfigException;
import io.goproxymirror.config.value.ValueParser;
import io.goproxymirror.gomod.PathPatterns;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of a list key as text, before conversion.
 *
 * @param path the entry's path for messages, for example {@code git.rewrites[1]}
 * @param fields the entry's keys and their values, already substituted
 */
public record ListItem(String path, Map<String, RawValue> fields) {

  public ListItem {
    fields = Map.copyOf(fields);
  }

  /** The path of one of its keys, for example {@code git.rewrites[1].to}. */
  public String pathOf(String field) {
    return path + "." + field;
  }

  /** The stripped value of {@code field}, if set. */
  public Optional<String> text(String field) {
    return Optional.ofNullable(fields.get(field)).map(v -> v.text().strip());
  }

  /**
   * @throws ConfigException when the key is missing or empty; {@code siblings} are the keys every
   *     entry of this list needs, named in the message
   */
  public String required(String field, List<String> siblings) {
    if (!fields.containsKey(field)) {
      throw new ConfigException(
          pathOf(field), "missing (each entry needs " + String.join(" and ", siblings) + ")");
    }
    return nonEmpty(field).orElseThrow();
  }

  /**
   * The module path globs of a required key, such as a route's or an access rule's {@code pattern}.
   *
   * @throws ConfigException when the key is missing, empty, malformed or holds no glob
   */
  public PathPatterns requiredPatterns(String field, List<String> siblings) {
    PathPatterns patterns;
    try {
      patterns = PathPatterns.parse(required(field, siblings));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(pathOf(field), e.getMessage());
    }
    if (patterns.isEmpty()) {
      throw new ConfigException(
          pathOf(field), "has no glob (write module path globs such as corp.example.com/*)");
    }
    return patterns;
  }

  /**
   * The stripped value of an optional key.
   *
   * @throws ConfigException when it is set but empty
   */
  public Optional<String> nonEmpty(String field) {
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
  public <T> Optional<T> parsed(String field, ValueParser<T> parser) {
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
