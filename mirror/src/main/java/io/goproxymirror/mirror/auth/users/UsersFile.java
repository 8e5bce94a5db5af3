package io.goproxymirror.mirror.auth.users;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a users file:
 *
 * <pre>
 * users:
 *   - name: ci-bot
 *     token-sha256: "&lt;64 hex digits: the SHA-256 of the token&gt;"
 *     groups: [ci]
 * </pre>
 *
 * Strict: every entry needs {@code name}, {@code token-sha256} and {@code groups} (a list, possibly
 * empty), unknown keys are refused with a suggestion, names and token hashes must be unique. Errors
 * are {@link UsersFileException}s naming the file and the entry.
 */
public final class UsersFile {
  static final List<String> FIELDS = List.of("name", "token-sha256", "groups");
  /** Larger files are refused: a users file is a few KiB. */
  static final long MAX_BYTES = 4L << 20;
  static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._@+-]{1,128}");
  static final Pattern GROUP = Pattern.compile("[\\p{L}\\p{N}._@/+-]{1,128}");
  private static final ObjectMapper YAML = new ObjectMapper(
      new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

  private UsersFile() {}

  /** Reads and parses {@code file}. Blocking. */
  public static Users load(Path file) {
    return parse(read(file), file.toString());
  }

  /** The bytes of {@code file}; blocking. */
  static byte[] read(Path file) {
    String label = file.toString();
    try {
      if (Files.isDirectory(file)) {
        throw fail(label, "is a directory, not a file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw fail(label, "larger than " + (MAX_BYTES >> 20) + " MiB");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw fail(label, "file not found");
    } catch (AccessDeniedException e) {
      throw fail(label, "permission denied");
    } catch (IOException e) {
      throw fail(label, "cannot read: " + e.getClass().getSimpleName());
    }
  }

  /** Parses the content of a users file; {@code label} names it in errors. */
  public static Users parse(byte[] content, String label) {
    JsonNode root = tree(content, label);
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw fail(label, "the file is empty; write \"users: []\" for no users");
    }
    if (!root.isObject()) {
      throw fail(label, "expected a mapping with the key users");
    }
    for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!key.equals("users")) {
        throw fail(label, "unknown key \"" + key + "\"" + KeyHint.suffix(key, List.of("users")));
      }
    }
    JsonNode list = root.get("users");
    if (list == null || list.isNull()) {
      throw fail(label, "users: missing; write \"users: []\" for no users");
    }
    if (!list.isArray()) {
      throw fail(label, "users: expected a list of entries with keys " + String.join(", ", FIELDS));
    }
    List<User> users = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    Map<String, Integer> hashes = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      User user = entry(list.get(i), "users[" + i + "]", label);
      String at = "users[" + i + "] (\"" + user.name() + "\")";
      Integer earlier = names.putIfAbsent(user.name(), i);
      if (earlier != null) {
        throw fail(label, at + ".name: duplicate; users[" + earlier + "] has the same name");
      }
      earlier = hashes.putIfAbsent(TokenHash.hex(user.tokenSha256()), i);
      if (earlier != null) {
        throw fail(label, at + ".token-sha256: the same as users[" + earlier + "]; give each user its own token");
      }
      users.add(user);
    }
    return new Users(users);
  }

  private static User entry(JsonNode node, String item, String label) {
    if (!node.isObject()) {
      throw fail(label, item + ": expected a mapping with keys " + String.join(", ", FIELDS));
    }
    for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!FIELDS.contains(key)) {
        throw fail(label, item + ": unknown key \"" + key + "\"" + KeyHint.suffix(key, FIELDS));
      }
    }
    String name = scalar(node, "name", item, label);
    if (!NAME.matcher(name).matches()) {
      throw fail(label, item + ".name: must be 1 to 128 letters, digits or . _ @ + - (no colon or space)");
    }
    String at = item + " (\"" + name + "\")";
    return new User(name, hash(scalar(node, "token-sha256", at, label), at, label), groups(node, at, label));
  }

  private static String scalar(JsonNode node, String key, String item, String label) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      throw fail(label, item + "." + key + ": missing (each entry needs " + String.join(", ", FIELDS) + ")");
    }
    if (!value.isValueNode()) {
      throw fail(label, item + "." + key + ": expected a single value, found a " + (value.isArray() ? "list" : "mapping"));
    }
    return value.asText().strip();
  }

  private static byte[] hash(String text, String item, String label) {
    if (text.length() != 2 * TokenHash.BYTES || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      String found = text.chars().allMatch(c -> Character.digit(c, 16) >= 0)
          ? text.length() + " hex digits" : text.length() + " characters that are not all hex digits";
      throw fail(label, item + ".token-sha256: expected 64 hex digits (the SHA-256 of the token, as the token"
          + " command prints it), found " + found);
    }
    return HexFormat.of().parseHex(text);
  }

  private static Set<String> groups(JsonNode node, String item, String label) {
    JsonNode value = node.get("groups");
    if (value == null || value.isNull()) {
      throw fail(label, item + ".groups: missing; write \"groups: []\" for a user in no group");
    }
    if (!value.isArray()) {
      throw fail(label, item + ".groups: expected a list such as [ci, developers]");
    }
    Set<String> groups = new LinkedHashSet<>();
    for (int g = 0; g < value.size(); g++) {
      JsonNode group = value.get(g);
      String text = group.isValueNode() && !group.isNull() ? group.asText().strip() : "";
      if (!GROUP.matcher(text).matches()) {
        throw fail(label, item + ".groups[" + g + "]: must be 1 to 128 letters, digits or . _ @ / + -");
      }
      groups.add(text);
    }
    return groups;
  }

  private static JsonNode tree(byte[] content, String label) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content)).toString();
      return YAML.readTree(text);
    } catch (CharacterCodingException e) {
      throw fail(label, "not valid UTF-8");
    } catch (JsonProcessingException e) {
      throw fail(label, malformed(e));
    } catch (IOException e) {
      throw fail(label, "cannot read: " + e.getClass().getSimpleName());
    }
  }

  /** Where the YAML broke, without the snippet of the document the parser quotes (it could hold a token). */
  private static String malformed(JsonProcessingException e) {
    if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
      return "duplicate key" + at(e);
    }
    return "malformed YAML" + at(e);
  }

  private static String at(JsonProcessingException e) {
    return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  private static UsersFileException fail(String label, String why) {
    return new UsersFileException("users file " + label + ": " + why);
  }
}
