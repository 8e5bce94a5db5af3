package io.goproxymirror.config.load;

import io.goproxymirror.config.source.RawValue;
import io.goproxymirror.config.value.ConfigException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the environment variables that override keys. Each key has a generic variable, {@code
 * MIRROR_} and its path upper-cased with dots and dashes as underscores ({@code
 * MIRROR_CACHE_LIST_TTL}); a few have a short named one ({@code MIRROR_PORT}, {@code
 * MIRROR_DATA_DIR}) that wins when both are set. List keys cannot be set from the environment: a
 * variable named like one ({@code MIRROR_GIT_REWRITES}) is an error rather than silently ignored.
 * Variables that would set a refused secret key ({@code MIRROR_STORAGE_S3_SECRET_KEY}, see {@link
 * RefusedKeys}) are errors too. Other {@code MIRROR_*} variables are not keys and are ignored. An
 * empty variable counts as unset.
 */
final class EnvironmentOverrides {

  private EnvironmentOverrides() {}

  static Map<Key<?>, RawValue> read(Map<String, String> env) {
    for (ListKey key : ListKey.values()) {
      if (isSet(env, key.genericEnvVar())) {
        throw new ConfigException(
            key.genericEnvVar(),
            key.path() + " is a list and can only be set in the configuration file");
      }
    }
    for (String variable : env.keySet()) {
      var refused = RefusedKeys.setBy(variable);
      if (refused.isPresent() && isSet(env, variable)) {
        throw new ConfigException(
            variable, RefusedKeys.refusal(refused.get()).orElseThrow());
      }
    }
    Map<Key<?>, RawValue> values = new LinkedHashMap<>();
    for (Key<?> key : ConfigKeys.all()) {
      String variable =
          key.namedEnvVar().filter(name -> isSet(env, name)).orElse(key.genericEnvVar());
      if (isSet(env, variable)) {
        values.put(key, new RawValue(env.get(variable), variable + " (" + key.path() + ")"));
      }
    }
    return values;
  }

  private static boolean isSet(Map<String, String> env, String name) {
    String value = env.get(name);
    return value != null && !value.isEmpty();
  }
}
