package io.goproxymirror.config.load;

import io.goproxymirror.config.source.RawValue;
import io.goproxymirror.config.value.ConfigException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The converted value of every key, each parsed once, with the text and origin it came from. Keys
 * are converted in declaration order, so the first bad one in that order is the one reported.
 */
final class ConfigValues {

  private final Map<Key<?>, RawValue> raw;
  private final Map<Key<?>, Object> values = new HashMap<>();

  private ConfigValues(Map<Key<?>, RawValue> raw) {
    this.raw = raw;
  }

  /**
   * @param raw the text of every key of {@link ConfigKeys#all()}
   * @throws ConfigException naming the origin of the first value its parser refuses
   */
  static ConfigValues convert(Map<Key<?>, RawValue> raw) {
    ConfigValues converted = new ConfigValues(new LinkedHashMap<>(raw));
    for (Key<?> key : ConfigKeys.all()) {
      converted.put(key);
    }
    return converted;
  }

  private <T> void put(Key<T> key) {
    RawValue value = raw(key);
    try {
      values.put(key, key.parse(value.text()));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(value.origin(), e.getMessage());
    }
  }

  /** The converted value of {@code key}. */
  <T> T get(Key<T> key) {
    return key.typed(values.get(key));
  }

  /** The text of {@code key} before conversion and where it was set. */
  RawValue raw(Key<?> key) {
    return raw.get(key);
  }
}
