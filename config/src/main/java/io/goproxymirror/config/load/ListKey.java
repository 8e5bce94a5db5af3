package io.goproxymirror.config.load;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every key that holds a list of mappings, with the keys its entries may have. These keys are set
 * in the YAML file only: no environment variable overrides them, and by default they are empty.
 */
enum ListKey {
  UPSTREAM_TIMEOUT_OVERRIDES(
      "upstream-timeouts.overrides", List.of("url", "connect", "first-byte", "idle", "total"), Map.of()),
  GIT_REWRITES("git.rewrites", List.of("from", "to"), Map.of()),
  GIT_REPOSITORIES("git.repositories", List.of("prefix", "url", "elements"), Map.of()),
  GIT_CREDENTIALS(
      "git.credentials",
      List.of(
          "prefix",
          "username",
          "token-env",
          "token-file",
          "ssh-key-file",
          "ssh-key-passphrase-env",
          "known-hosts-file",
          "strict-host-key-checking"),
      Map.of(
          "token", Hints.TOKEN,
          "password", Hints.TOKEN,
          "passphrase", Hints.PASSPHRASE,
          "ssh-key-passphrase", Hints.PASSPHRASE)),
  ROUTES("routes", List.of("pattern", "upstream", "negative-ttl"), Map.of()),
  AUTH_RULES("auth.rules", List.of("pattern", "groups"), Map.of(), List.of("groups"));

  private final String path;
  private final List<String> fields;
  private final Map<String, String> refused;
  private final List<String> listFields;

  ListKey(String path, List<String> fields, Map<String, String> refused) {
    this(path, fields, refused, List.of());
  }

  ListKey(String path, List<String> fields, Map<String, String> refused, List<String> listFields) {
    this.path = path;
    this.fields = fields;
    this.refused = refused;
    this.listFields = listFields;
  }

  /** The dotted kebab-case path, for example {@code git.rewrites}. */
  String path() {
    return path;
  }

  /** The keys an entry may have, in documentation order. */
  List<String> fields() {
    return fields;
  }

  /**
   * Whether entry key {@code field} may hold a YAML list of single values (such as the {@code
   * groups} of {@code auth.rules}); its items reach the converter joined by commas.
   */
  boolean listField(String field) {
    return listFields.contains(field);
  }

  /**
   * Why an entry key is refused outright, for keys that would hold a secret inline ({@code token},
   * {@code password}, {@code passphrase}). The reason never needs the value.
   */
  Optional<String> refusal(String field) {
    return Optional.ofNullable(refused.get(field.toLowerCase(Locale.ROOT)));
  }

  /** The variable that would override it if list keys could come from the environment. */
  String genericEnvVar() {
    return "MIRROR_" + path.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  static Optional<ListKey> byPath(String path) {
    return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
  }

  /** The list key whose entries {@code path} is in, for {@code git.rewrites[0].from}. */
  static Optional<ListKey> containing(String path) {
    return Arrays.stream(values()).filter(k -> path.startsWith(k.path + "[")).findFirst();
  }

  /** The messages for secrets written inline. */
  private static final class Hints {
    static final String TOKEN =
        "secrets are not accepted in the configuration file; set token-env (the name of an"
            + " environment variable holding the token) or token-file (the path of a file holding"
            + " it) instead";
    static final String PASSPHRASE =
        "secrets are not accepted in the configuration file; set ssh-key-passphrase-env (the name"
            + " of an environment variable holding the passphrase) instead";
  }
}
