package io.goproxymirror.config.git;

import io.goproxymirror.config.source.ListItem;
import io.goproxymirror.config.source.SecretReferences;
import io.goproxymirror.config.value.ConfigException;
import io.goproxymirror.config.value.ValueParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Converts the entries of {@code git.credentials}. An https or http prefix takes a token from
 * exactly one of {@code token-env} and {@code token-file}, with an optional {@code username}
 * (default {@code git}); an ssh prefix takes {@code ssh-key-file}, optionally {@code
 * ssh-key-passphrase-env}, {@code known-hosts-file} (default {@code ~/.ssh/known_hosts}, checked
 * only when host keys are checked strictly) and {@code strict-host-key-checking} (default true).
 * Keys of the other kind are errors. Referenced variables and files are checked by {@link
 * SecretReferences}. A prefix that an earlier prefix already covers is an error.
 */
public final class GitCredentials {

  private static final List<String> REQUIRED = List.of("prefix");
  private static final List<String> SCHEMES = List.of("https", "http", "ssh");
  private static final List<String> SSH_ONLY =
      List.of(
          "ssh-key-file", "ssh-key-passphrase-env", "known-hosts-file", "strict-host-key-checking");
  private static final List<String> TOKEN_ONLY = List.of("username", "token-env", "token-file");
  static final String DEFAULT_USERNAME = "git";

  private final SecretReferences secrets;
  private final Path home;

  /**
   * @param secrets checks the referenced variables and files
   * @param home the directory of the default {@code .ssh/known_hosts}
   */
  public GitCredentials(SecretReferences secrets, Path home) {
    this.secrets = secrets;
    this.home = home;
  }

  public List<GitCredential> parse(List<ListItem> items) {
    List<GitCredential> credentials = new ArrayList<>();
    for (ListItem item : items) {
      String prefix = item.required("prefix", REQUIRED);
      String scheme = GitUrls.check(item, "prefix", prefix, SCHEMES);
      credentials.add(scheme.equals("ssh") ? sshKey(item, prefix) : token(item, prefix));
    }
    PrefixOrder.check(items, credentials.stream().map(GitCredential::prefix).toList(), "prefix");
    return List.copyOf(credentials);
  }

  private GitCredential token(ListItem item, String prefix) {
    refuse(
        item, SSH_ONLY, "only for ssh:// prefixes; an https prefix uses token-env or token-file");
    String username = item.nonEmpty("username").orElse(DEFAULT_USERNAME);
    if (username.contains(":")) {
      throw new ConfigException(item.pathOf("username"), "must not contain :");
    }
    Optional<String> tokenEnv = item.nonEmpty("token-env");
    Optional<String> tokenFile = item.nonEmpty("token-file");
    if (tokenEnv.isPresent() == tokenFile.isPresent()) {
      throw new ConfigException(
          item.path(),
          tokenEnv.isPresent()
              ? "set token-env or token-file, not both"
              : "an https credential needs token-env (the name of an environment variable) or"
                  + " token-file (the path of a file) holding the token");
    }
    return new GitCredential(
        prefix,
        GitCredential.Kind.TOKEN,
        Optional.of(username),
        tokenEnv.map(name -> secrets.variable(item, "token-env", name)),
        tokenFile.map(text -> file(item, "token-file", text, true)),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        true);
  }

  private GitCredential sshKey(ListItem item, String prefix) {
    refuse(
        item,
        TOKEN_ONLY,
        "only for https and http prefixes; an ssh prefix uses ssh-key-file"
            + " and takes the user name from the prefix URL");
    if (item.text("ssh-key-file").isEmpty()) {
      throw new ConfigException(
          item.pathOf("ssh-key-file"),
          "missing (an ssh credential needs ssh-key-file, the path of a private key file)");
    }
    Path keyFile = file(item, "ssh-key-file", item.nonEmpty("ssh-key-file").orElseThrow(), false);
    Optional<String> passphraseEnv =
        item.nonEmpty("ssh-key-passphrase-env")
            .map(name -> secrets.variable(item, "ssh-key-passphrase-env", name));
    boolean strict =
        item.parsed("strict-host-key-checking", ValueParser.bool()).orElse(true);
    Path knownHosts;
    Optional<String> given = item.nonEmpty("known-hosts-file");
    if (given.isPresent()) {
      knownHosts = file(item, "known-hosts-file", given.get(), false);
    } else {
      knownHosts = home.resolve(".ssh").resolve("known_hosts");
      if (strict) {
        secrets.readableFile(item, "known-hosts-file", knownHosts, " (the default)", false);
      }
    }
    return new GitCredential(
        prefix,
        GitCredential.Kind.SSH_KEY,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(keyFile),
        passphraseEnv,
        Optional.of(knownHosts),
        strict);
  }

  private Path file(ListItem item, String field, String text, boolean needsContent) {
    return secrets.readableFile(item, field, secrets.path(item, field, text), "", needsContent);
  }

  private static void refuse(ListItem item, List<String> fields, String reason) {
    for (String field : fields) {
      if (item.fields().containsKey(field)) {
        throw new ConfigException(item.pathOf(field), reason);
      }
    }
  }
}
