package io.goproxymirror.config.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.goproxymirror.config.value.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML document into a flat list of {@link YamlEntry}, one per key and one per list item,
 * parents before their children. A list item's path is the list's path and its index ({@code
 * git.rewrites[0]}, {@code git.rewrites[0].from}). It knows nothing of the configuration schema.
 * Scalars keep their text as written. Malformed YAML, duplicate keys, dotted keys, keys with
 * brackets, aliases, a top level that is not a mapping and more
 * than one document are errors.
 */
public final class YamlFlattener {

  private static final YAMLFactory FACTORY = new YAMLFactory();

  private final String source;
  private final List<YamlEntry> entries = new ArrayList<>();
  private final Map<String, Integer> lines = new HashMap<>();

  private YamlFlattener(String source) {
    this.source = source;
  }

  /**
   * @param source names the document in errors, usually the file path
   * @throws ConfigException for malformed or unsupported YAML
   * @throws IOException when reading fails
   */
  public static List<YamlEntry> read(Reader reader, String source) throws IOException {
    YamlFlattener flattener = new YamlFlattener(source);
    try (JsonParser parser = FACTORY.createParser(reader)) {
      flattener.document(parser);
    } catch (JsonProcessingException e) {
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof CharacterCodingException coding) {
          throw coding;
        }
      }
      throw new ConfigException(source, YamlErrors.describe(e));
    }
    return List.copyOf(flattener.entries);
  }

  private void document(JsonParser p) throws IOException {
    JsonToken first = p.nextToken();
    if (first == null || first == JsonToken.VALUE_NULL) {
      return;
    }
    if (first != JsonToken.START_OBJECT) {
      throw new ConfigException(source, "the top level must be a mapping of keys");
    }
    mapping(p, "");
    if (p.nextToken() != null) {
      throw new ConfigException(
          source, "only one YAML document is supported (second one at line " + line(p) + ")");
    }
  }

  private void mapping(JsonParser p, String prefix) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      String path = prefix.isEmpty() ? name : prefix + "." + name;
      int line = line(p);
      if (name.contains(".")) {
        throw new ConfigException(
            path, "dotted keys are not supported, nest each part (line " + line + ")");
      }
      if (name.contains("[") || name.contains("]")) {
        throw new ConfigException(path, "brackets are not supported in keys (line " + line + ")");
      }
      Integer previous = lines.put(path, line);
      if (previous != null) {
        throw new ConfigException(path, "duplicate key (lines " + previous + " and " + line + ")");
      }
      value(p, p.nextToken(), path, line);
    }
  }

  /** List items get the list's path and their index: {@code git.rewrites[0]}. */
  private void list(JsonParser p, String path) throws IOException {
    int index = 0;
    for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken()) {
      value(p, item, path + "[" + index++ + "]", line(p));
    }
  }

  private void value(JsonParser p, JsonToken value, String path, int line) throws IOException {
    if (p instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      throw new ConfigException(path, "YAML aliases are not supported (line " + line + ")");
    }
    switch (value) {
      case START_OBJECT -> {
        entries.add(new YamlEntry(path, YamlEntry.Kind.MAPPING, null, line));
        mapping(p, path);
      }
      case START_ARRAY -> {
        entries.add(new YamlEntry(path, YamlEntry.Kind.LIST, null, line));
        list(p, path);
      }
      case VALUE_NULL -> entries.add(new YamlEntry(path, YamlEntry.Kind.NULL, null, line));
      default -> entries.add(new YamlEntry(path, YamlEntry.Kind.SCALAR, p.getText(), line));
    }
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }
}
