package io.goproxymirror.config.source;

/**
 * One key of a YAML file, found by {@link YamlFlattener}.
 *
 * @param path the dotted path, for example {@code server.port}; list items add their index, as in
 *     {@code git.rewrites[0].from}
 * @param kind what the key holds
 * @param text the scalar exactly as written (for {@code off} too, which YAML 1.1 reads as false);
 *     null unless {@code kind} is {@link Kind#SCALAR}
 * @param line 1-based line of the key
 */
public record YamlEntry(String path, Kind kind, String text, int line) {

  public enum Kind {
    MAPPING,
    LIST,
    SCALAR,
    NULL
  }
}
