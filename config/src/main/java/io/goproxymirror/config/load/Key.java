package io.goproxymirror.config.load;

import io.goproxymirror.config.value.ValueParser;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One single-value configuration key, declared once in {@link ConfigKeys}: its YAML path, the type
 * of its value, its default, the parser that converts and checks it, its environment variables and
 * a one-line description. The default is text so that it goes through the same parser as every
 * other source. {@link ConfigValues#get(Key)} hands its value back as a {@code T}.
 *
 * @param <T> the type of the converted value
 */
final class Key<T> {

  private final String path;
  private final Function<Object, T> type;
  private final String defaultText;
  private final ValueParser<T> parser;
  private final String description;
  private final Optional<String> namedEnvVar;

  private Key(Key<T> key, Optional<String> namedEnvVar) {
    this(key.path, key.type, key.defaultText, key.parser, key.description, namedEnvVar);
  }

  private Key(
      String path,
      Function<Object, T> type,
      String defaultText,
      ValueParser<T> parser,
      String description,
      Optional<String> namedEnvVar) {
    if (description.isBlank() || description.contains("\n")) {
      throw new IllegalArgumentException(path + ": the description is one non-empty line");
    }
    this.path = Objects.requireNonNull(path, "path");
    this.type = type;
    this.defaultText = Objects.requireNonNull(defaultText, "defaultText");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.description = description;
    this.namedEnvVar = namedEnvVar;
  }

  /** A key whose value is a {@code type}. */
  static <T> Key<T> of(
      String path, Class<T> type, String defaultText, ValueParser<T> parser, String description) {
    return new Key<>(path, type::cast, defaultText, parser, description, Optional.empty());
  }

  /** A key whose value may be absent: an {@code Optional<E>}. */
  static <E> Key<Optional<E>> optional(
      String path,
      Class<E> element,
      String defaultText,
      ValueParser<Optional<E>> parser,
      String description) {
    Function<Object, Optional<E>> type = value -> ((Optional<?>) value).map(element::cast);
    return new Key<>(path, type, defaultText, parser, description, Optional.empty());
  }

  /** A key whose value is a list: a {@code List<E>}. */
  static <E> Key<List<E>> list(
      String path,
      Class<E> element,
      String defaultText,
      ValueParser<List<E>> parser,
      String description) {
    Function<Object, List<E>> type =
        value -> ((List<?>) value).stream().map(element::cast).toList();
    return new Key<>(path, type, defaultText, parser, description, Optional.empty());
  }

  /** This key with a short environment variable that wins over the generic one. */
  Key<T> withEnv(String variable) {
    return new Key<>(this, Optional.of(variable));
  }

  /** The dotted kebab-case path, for example {@code cache.list-ttl}. */
  String path() {
    return path;
  }

  String defaultText() {
    return defaultText;
  }

  /** What the key sets, in one line. */
  String description() {
    return description;
  }

  /**
   * Converts and checks {@code text}.
   *
   * @throws IllegalArgumentException with a one-line reason that does not name the key
   */
  T parse(String text) {
    return parser.parse(text);
  }

  /**
   * A value that {@link #parse} returned, given back as a {@code T} by checked conversions (of the
   * value, or of an optional's or a list's elements), so no unchecked cast is needed.
   */
  T typed(Object value) {
    return type.apply(value);
  }

  /** {@code MIRROR_} and the path upper-cased, dots and dashes as underscores. */
  String genericEnvVar() {
    return "MIRROR_" + path.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** A short name that wins over {@link #genericEnvVar()}, such as {@code MIRROR_PORT}. */
  Optional<String> namedEnvVar() {
    return namedEnvVar;
  }

  @Override
  public String toString() {
    return path;
  }
}
