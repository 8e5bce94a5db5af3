package io.goproxymirror.config.source;

import io.goproxymirror.config.value.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks the references to secrets in {@code git.credentials}, {@code storage.s3} and {@code
 * metadata.redis.*}: a named environment variable must
 * be set and non-empty, a named file must exist and be readable. Only names and paths are kept;
 * values are never read into memory, except the size of a token file.
 *
 * <p>Messages name the variable or file, unless the name could itself be a secret pasted into the
 * wrong key: variable names are shown only in the conventional form ({@code GIT_TOKEN}), file
 * paths only when they contain a {@code /}.
 */
public final class SecretReferences {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern SHOWN_NAME = Pattern.compile("[A-Z_][A-Z0-9_]{0,63}");
  private static final String UNSHOWN_FILE =
      "the file it names (path not shown as it has no /; write ./name for the working directory)";

  private final Map<String, String> env;
  private final Path home;

  /**
   * @param env the environment variables
   * @param home the directory {@code ~} stands for
   */
  public SecretReferences(Map<String, String> env, Path home) {
    this.env = env;
    this.home = home;
  }

  /**
   * @return the name of the variable in key {@code field}
   * @throws ConfigException when it is not a valid name, not set or empty
   */
  public String variable(ListItem item, String field, String name) {
    return variable(item.pathOf(field), name);
  }

  /**
   * @param key the key that names the variable, for messages, such as {@code
   *     storage.s3.secret-key-env}
   * @return {@code name}
   * @throws ConfigException naming {@code key} when it is not a valid name, not set or empty
   */
  public String variable(String key, String name) {
    if (!NAME.matcher(name).matches()) {
      throw new ConfigException(
          key,
          "must be the name of an environment variable (letters, digits and _, such as GIT_TOKEN)");
    }
    String shown =
        SHOWN_NAME.matcher(name).matches()
            ? "environment variable " + name
            : "the environment variable it names (name not shown: not in upper case)";
    String value = env.get(name);
    if (value == null) {
      throw new ConfigException(key, shown + " is not set");
    }
    if (value.isBlank()) {
      throw new ConfigException(key, shown + " is empty");
    }
    return name;
  }

  /** The path in key {@code field}, {@code ~} expanded. */
  public Path path(ListItem item, String field, String text) {
    return path(item.pathOf(field), text);
  }

  /** The path in {@code key}, {@code ~} expanded. */
  public Path path(String key, String text) {
    String expanded =
        text.equals("~") || text.startsWith("~/") ? home + text.substring(1) : text;
    try {
      return Path.of(expanded);
    } catch (InvalidPathException e) {
      throw new ConfigException(key, "invalid path (" + e.getReason() + ")");
    }
  }

  /**
   * @param note added after the path in messages, for example {@code (the default)}; may be empty
   * @param needsContent whether an empty file is an error
   * @throws ConfigException when the file is missing, a directory, unreadable or empty
   */
  public Path readableFile(ListItem item, String field, Path file, String note, boolean needsContent) {
    return readableFile(item.pathOf(field), file, note, needsContent);
  }

  /** As {@link #readableFile(ListItem, String, Path, String, boolean)}, for a single-value key. */
  public Path readableFile(String key, Path file, String note, boolean needsContent) {
    String shown = (file.toString().contains("/") ? "file " + file : UNSHOWN_FILE) + note;
    if (!Files.exists(file)) {
      throw new ConfigException(key, shown + " not found");
    }
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(key, shown + " is not a regular file");
    }
    if (!Files.isReadable(file)) {
      throw new ConfigException(key, shown + " is not readable");
    }
    try {
      if (needsContent && Files.size(file) == 0) {
        throw new ConfigException(key, shown + " is empty");
      }
    } catch (IOException e) {
      throw new ConfigException(key, shown + " cannot be read");
    }
    return file;
  }
}
