package io.goproxymirror.config.load;

import io.goproxymirror.config.source.EnvSubstitution;
import io.goproxymirror.config.source.KeySuggestions;
import io.goproxymirror.config.source.RawValue;
import io.goproxymirror.config.source.YamlEntry;
import io.goproxymirror.config.source.YamlFlattener;
import io.goproxymirror.config.value.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the YAML configuration file: checks every key against {@link ConfigKeys} and {@link
 * ListKey} and substitutes {@code ${VAR}} references in values. Values stay text; conversion comes
 * later, for all sources alike.
 */
final class ConfigFile {

  private ConfigFile() {}

  /**
   * @param label names the file in errors, for example {@code MIRROR_CONFIG (/etc/mirror.yaml)}
   * @return the values and lists the file sets
   * @throws ConfigException naming the file or the key
   */
  static FileSettings read(Path file, String label, Map<String, String> env) {
    Map<Key<?>, RawValue> values = new LinkedHashMap<>();
    ListReader lists = new ListReader(env);
    for (YamlEntry entry : entries(file, label)) {
      if (lists.offer(entry)) {
        continue;
      }
      var refusal = RefusedKeys.refusal(entry.path());
      if (refusal.isPresent()) {
        throw new ConfigException(entry.path(), refusal.get());
      }
      var key = KeyPaths.byPath(entry.path());
      if (key.isPresent()) {
        values.put(key.get(), leaf(entry, env));
      } else if (KeyPaths.isSection(entry.path())) {
        checkSection(entry);
      } else {
        throw unknownKey(entry.path());
      }
    }
    return new FileSettings(values, lists.items());
  }

  private static List<YamlEntry> entries(Path file, String label) {
    if (Files.isDirectory(file)) {
      throw new ConfigException(label, "is a directory, not a file");
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return YamlFlattener.read(reader, label);
    } catch (NoSuchFileException e) {
      throw new ConfigException(label, "file not found");
    } catch (AccessDeniedException e) {
      throw new ConfigException(label, "permission denied");
    } catch (CharacterCodingException e) {
      throw new ConfigException(label, "not valid UTF-8");
    } catch (IOException e) {
      throw new ConfigException(label, "cannot read: " + e.getMessage());
    }
  }

  /**
   * The substituted text of a key that must hold a single value.
   *
   * @throws ConfigException naming the key when it holds something else or substitution fails
   */
  static RawValue leaf(YamlEntry entry, Map<String, String> env) {
    String path = entry.path();
    return switch (entry.kind()) {
      case SCALAR -> {
        try {
          yield new RawValue(EnvSubstitution.substitute(entry.text(), env), path);
        } catch (IllegalArgumentException e) {
          throw new ConfigException(path, e.getMessage());
        }
      }
      case NULL -> throw new ConfigException(
          path, "no value (line " + entry.line() + "); remove the key to use the default");
      case LIST -> throw new ConfigException(path, "expected a single value, found a list");
      case MAPPING -> throw new ConfigException(path, "expected a single value, found a mapping");
    };
  }

  private static void checkSection(YamlEntry entry) {
    if (entry.kind() == YamlEntry.Kind.SCALAR || entry.kind() == YamlEntry.Kind.LIST) {
      throw new ConfigException(
          entry.path(),
          "expected a mapping with keys "
              + String.join(", ", KeyPaths.childNames(entry.path()))
              + ", found a "
              + (entry.kind() == YamlEntry.Kind.LIST ? "list" : "value"));
    }
  }

  private static ConfigException unknownKey(String path) {
    var suggestion = KeySuggestions.closest(path, KeyPaths.allPaths());
    if (suggestion.isPresent()) {
      return ConfigException.unknownKey(path, "did you mean \"" + suggestion.get() + "\"?");
    }
    int dot = path.lastIndexOf('.');
    String parent = dot < 0 ? "" : path.substring(0, dot);
    String known = String.join(", ", KeyPaths.childNames(parent));
    return ConfigException.unknownKey(
        path, parent.isEmpty() ? "top-level keys: " + known : "keys under " + parent + ": " + known);
  }
}
