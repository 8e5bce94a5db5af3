package io.goproxymirror.config.sync;

import io.goproxymirror.config.source.KeySuggestions;
import io.goproxymirror.config.source.YamlEntry;
import io.goproxymirror.config.source.YamlFlattener;
import io.goproxymirror.config.value.ConfigException;
import io.goproxymirror.config.value.ValueParser;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the YAML of a watch-list file into {@link WatchEntry entries}, checking its shape and every
 * value. Errors name the file, the entry ({@code modules[2]}) and the key.
 */
final class WatchListFile {

  static final List<String> FIELDS = List.of("path", "versions", "prerelease", "poll");
  private static final List<String> REQUIRED = List.of("path", "versions");
  private static final Duration MIN_POLL = Duration.ofSeconds(1);
  private static final Pattern FIELD = Pattern.compile("modules\\[(\\d+)](?:\\.(.*))?");

  private WatchListFile() {}

  static byte[] read(Path file, String label) {
    if (Files.isDirectory(file)) {
      throw new ConfigException(label, "is a directory, not a file");
    }
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(label, "file not found");
    } catch (AccessDeniedException e) {
      throw new ConfigException(label, "permission denied");
    } catch (IOException e) {
      throw new ConfigException(label, "cannot read: " + e.getMessage());
    }
  }

  static List<WatchEntry> parse(byte[] content, String label) {
    List<YamlEntry> yaml;
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
      yaml = YamlFlattener.read(new StringReader(text), label);
    } catch (CharacterCodingException e) {
      throw new ConfigException(label, "not valid UTF-8");
    } catch (IOException e) {
      throw new ConfigException(label, "cannot read: " + e.getMessage());
    } catch (ConfigException e) {
      ConfigException labelled = e.getMessage().startsWith("config error: " + label) ? e : e.in(label);
      throw labelled.getMessage().contains("block scalar")
          ? labelled.withHint("; a leading > or | starts a YAML block, so quote ranges: versions: \">= v1.7.0\"")
          : labelled;
    }
    if (yaml.isEmpty()) {
      throw new ConfigException(label, "the file is empty; write \"modules: []\" for an empty watch list");
    }
    try {
      return entries(items(yaml));
    } catch (ConfigException e) {
      throw e.in(label);
    }
  }

  /** The fields of each list item, in order. */
  private static List<Map<String, YamlEntry>> items(List<YamlEntry> yaml) {
    List<Map<String, YamlEntry>> items = new ArrayList<>();
    for (YamlEntry entry : yaml) {
      if (entry.path().equals("modules")) {
        checkList(entry);
        continue;
      }
      Matcher m = FIELD.matcher(entry.path());
      if (!m.matches()) {
        throw unknownTopLevel(entry.path());
      }
      if (m.group(2) == null) {
        checkItem(entry);
        items.add(new LinkedHashMap<>());
      } else {
        items.get(items.size() - 1).put(field(entry, m.group(2)), entry);
      }
    }
    return items;
  }

  private static void checkList(YamlEntry entry) {
    switch (entry.kind()) {
      case LIST -> { }
      case NULL -> throw new ConfigException(
          "modules", "no value (line " + entry.line() + "); write \"modules: []\" for an empty watch list");
      default -> throw new ConfigException(
          "modules",
          "expected a list of entries with keys " + String.join(", ", FIELDS) + ", found a "
              + (entry.kind() == YamlEntry.Kind.MAPPING ? "mapping" : "value"));
    }
  }

  private static void checkItem(YamlEntry entry) {
    if (entry.kind() != YamlEntry.Kind.MAPPING) {
      throw new ConfigException(
          entry.path(),
          "expected a mapping with keys " + String.join(", ", FIELDS) + ", found "
              + switch (entry.kind()) {
                case LIST -> "a list";
                case NULL -> "nothing (line " + entry.line() + ")";
                default -> "a value (line " + entry.line() + ")";
              });
    }
  }

  private static String field(YamlEntry entry, String name) {
    if (!FIELDS.contains(name)) {
      String item = entry.path().substring(0, entry.path().length() - name.length() - 1);
      var suggestion = KeySuggestions.closest(name, FIELDS);
      throw ConfigException.unknownKey(
          entry.path(),
          suggestion.isPresent()
              ? "did you mean \"" + item + "." + suggestion.get() + "\"?"
              : "keys of watch-list entries: " + String.join(", ", FIELDS));
    }
    switch (entry.kind()) {
      case SCALAR -> { }
      case NULL -> throw new ConfigException(
          entry.path(), "no value (line " + entry.line() + ")"
              + (REQUIRED.contains(name) ? "" : "; remove the key to use the default"));
      case LIST -> throw new ConfigException(entry.path(), "expected a single value, found a list");
      case MAPPING -> throw new ConfigException(entry.path(), "expected a single value, found a mapping");
    }
    return name;
  }

  private static ConfigException unknownTopLevel(String path) {
    String top = path.replaceFirst("[.\\[].*", "");
    var suggestion = KeySuggestions.closest(top, List.of("modules"));
    return ConfigException.unknownKey(
        top, suggestion.isPresent() ? "did you mean \"modules\"?" : "the only top-level key is modules");
  }

  private static List<WatchEntry> entries(List<Map<String, YamlEntry>> items) {
    List<WatchEntry> entries = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      entries.add(entry("modules[" + i + "]", items.get(i)));
    }
    checkOrder(entries);
    return entries;
  }

  private static WatchEntry entry(String item, Map<String, YamlEntry> fields) {
    String path = required(item, fields, "path");
    String versions = required(item, fields, "versions");
    boolean prerelease = optional(fields, "prerelease", ValueParser.bool()).orElse(false);
    Optional<Duration> poll = optional(fields, "poll", WatchListFile::pollInterval);
    VersionPolicy policy = convert(item + ".versions", () -> VersionPolicy.parse(versions, prerelease));
    return convert(item + ".path", () -> new WatchEntry(path, policy, poll));
  }

  private static String required(String item, Map<String, YamlEntry> fields, String name) {
    YamlEntry entry = fields.get(name);
    if (entry == null) {
      throw new ConfigException(item + "." + name, "missing (each entry needs path and versions)");
    }
    if (entry.text().isBlank()) {
      throw new ConfigException(item + "." + name, "must not be empty");
    }
    return entry.text().strip();
  }

  private static <T> Optional<T> optional(
      Map<String, YamlEntry> fields, String name, ValueParser<T> parser) {
    return Optional.ofNullable(fields.get(name))
        .map(entry -> convert(entry.path(), () -> parser.parse(entry.text())));
  }

  private static Duration pollInterval(String text) {
    Duration d = ValueParser.positiveDuration().parse(text);
    if (d.compareTo(MIN_POLL) < 0) {
      throw new IllegalArgumentException("must be at least 1s, got \"" + text.strip() + "\"");
    }
    return d;
  }

  private static <T> T convert(String path, Supplier<T> conversion) {
    try {
      return conversion.get();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(path, e.getMessage());
    }
  }

  /** An entry that an earlier one hides entirely would never be used: the first match wins. */
  private static void checkOrder(List<WatchEntry> entries) {
    for (int later = 1; later < entries.size(); later++) {
      WatchEntry l = entries.get(later);
      for (int earlier = 0; earlier < later; earlier++) {
        WatchEntry e = entries.get(earlier);
        if (e.path().equals(l.path()) || (!l.isGlob() && e.matches(l.path()))) {
          throw new ConfigException(
              "modules[" + later + "].path",
              "never used: modules[" + earlier + "] (\"" + e.path() + "\") comes first and matches"
                  + " every module this entry matches; put the more specific entry first");
        }
      }
    }
  }
}
