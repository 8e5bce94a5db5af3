package io.goproxymirror.config.load;

import io.goproxymirror.config.source.KeySuggestions;
import io.goproxymirror.config.source.ListItem;
import io.goproxymirror.config.source.RawValue;
import io.goproxymirror.config.source.YamlEntry;
import io.goproxymirror.config.value.ConfigException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects the entries of {@link ListKey list keys} from the flattened YAML file. Each entry must
 * be a mapping of known keys to single values; {@code ${VAR}} works in them as in other values,
 * except in the {@code ...-env} keys, which name a variable and must not be replaced by its value.
 * A key that would hold a secret inline is refused with a hint, before any other check.
 */
final class ListReader {

  private static final Pattern ITEM = Pattern.compile("\\[(\\d+)](?:\\.(.*))?");
  private static final Pattern LIST_FIELD_ITEM = Pattern.compile("([a-z0-9-]+)\\[\\d+]");

  private final Map<String, String> env;
  private final Map<ListKey, List<Map<String, RawValue>>> lists = new EnumMap<>(ListKey.class);

  ListReader(Map<String, String> env) {
    this.env = env;
  }

  /**
   * Takes the entry if it is a list key or inside one.
   *
   * @return false if the entry has nothing to do with list keys
   * @throws ConfigException when the entry has the wrong shape or an unknown key
   */
  boolean offer(YamlEntry entry) {
    var key = ListKey.byPath(entry.path());
    if (key.isPresent()) {
      list(key.get(), entry);
      return true;
    }
    var container = ListKey.containing(entry.path());
    if (container.isEmpty()) {
      return false;
    }
    ListKey list = container.get();
    Matcher m = ITEM.matcher(entry.path().substring(list.path().length()));
    if (!m.matches()) {
      throw new IllegalStateException("unexpected YAML path " + entry.path());
    }
    if (m.group(2) == null) {
      item(list, entry);
    } else {
      field(list, entry, m.group(2));
    }
    return true;
  }

  /** The entries read, as items; lists the file does not set are missing. */
  Map<ListKey, List<ListItem>> items() {
    Map<ListKey, List<ListItem>> out = new EnumMap<>(ListKey.class);
    lists.forEach(
        (key, entries) -> {
          List<ListItem> items = new ArrayList<>();
          for (int i = 0; i < entries.size(); i++) {
            items.add(new ListItem(key.path() + "[" + i + "]", entries.get(i)));
          }
          out.put(key, List.copyOf(items));
        });
    return out;
  }

  private void list(ListKey key, YamlEntry entry) {
    switch (entry.kind()) {
      case LIST -> lists.put(key, new ArrayList<>());
      case NULL -> throw new ConfigException(
          entry.path(), "no value (line " + entry.line() + "); remove the key to use the default");
      default -> throw new ConfigException(
          entry.path(),
          "expected a list of mappings with keys "
              + String.join(", ", key.fields())
              + ", found a "
              + (entry.kind() == YamlEntry.Kind.MAPPING ? "mapping" : "value"));
    }
  }

  private void item(ListKey key, YamlEntry entry) {
    if (entry.kind() != YamlEntry.Kind.MAPPING) {
      throw new ConfigException(
          entry.path(),
          "expected a mapping with keys "
              + String.join(", ", key.fields())
              + ", found "
              + switch (entry.kind()) {
                case LIST -> "a list";
                case NULL -> "nothing (line " + entry.line() + ")";
                default -> "a value";
              });
    }
    lists.get(key).add(new LinkedHashMap<>());
  }

  private void field(ListKey key, YamlEntry entry, String name) {
    Matcher listItem = LIST_FIELD_ITEM.matcher(name);
    if (listItem.matches() && key.listField(listItem.group(1))) {
      listFieldItem(key, entry, listItem.group(1));
      return;
    }
    if (key.listField(name) && entry.kind() == YamlEntry.Kind.LIST) {
      List<Map<String, RawValue>> entries = lists.get(key);
      entries.get(entries.size() - 1).put(name, new RawValue("", entry.path()));
      return;
    }
    var refusal = key.refusal(name);
    if (refusal.isPresent()) {
      throw new ConfigException(entry.path(), refusal.get());
    }
    if (!key.fields().contains(name)) {
      throw unknownField(key, entry.path(), name);
    }
    if (name.endsWith("-env")
        && entry.kind() == YamlEntry.Kind.SCALAR
        && entry.text().contains("${")) {
      throw new ConfigException(
          entry.path(),
          "write the name of the environment variable (such as GIT_TOKEN), not a ${...} reference");
    }
    List<Map<String, RawValue>> entries = lists.get(key);
    entries.get(entries.size() - 1).put(name, ConfigFile.leaf(entry, env));
  }

  /** One item of a list-valued entry key: appended to the key's text, comma-separated. */
  private void listFieldItem(ListKey key, YamlEntry entry, String name) {
    if (entry.kind() != YamlEntry.Kind.SCALAR) {
      throw new ConfigException(entry.path(), "expected a single value, found "
          + switch (entry.kind()) {
            case LIST -> "a list";
            case MAPPING -> "a mapping";
            default -> "nothing (line " + entry.line() + ")";
          });
    }
    RawValue item = ConfigFile.leaf(entry, env);
    if (item.text().contains(",")) {
      throw new ConfigException(entry.path(), "must not contain a comma (write one name per item)");
    }
    Map<String, RawValue> fields = lists.get(key).get(lists.get(key).size() - 1);
    RawValue before = fields.get(name);
    String text = before == null || before.text().isEmpty() ? item.text() : before.text() + "," + item.text();
    fields.put(name, new RawValue(text, before == null ? entry.path() : before.origin()));
  }

  private static ConfigException unknownField(ListKey key, String path, String name) {
    String itemPath = path.substring(0, path.length() - name.length() - 1);
    var suggestion = KeySuggestions.closest(name, key.fields());
    if (suggestion.isPresent()) {
      return ConfigException.unknownKey(
          path, "did you mean \"" + itemPath + "." + suggestion.get() + "\"?");
    }
    return ConfigException.unknownKey(
        path, "keys of " + key.path() + " entries: " + String.join(", ", key.fields()));
  }
}
