package io.goproxymirror.mirror.fetch.git.transport;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Credentials for repositories whose URL starts with {@code prefix}: a user name and token for
 * HTTP(S), or an SSH private key checked against a known_hosts file. Holds references to secrets
 * ({@link SecretSource}), never their values.
 *
 * @param prefix repository URL prefix, matched against the URL after rewrites
 * @param username HTTP user name (ignored for SSH, where the URL names the user)
 * @param token HTTP token or password, if any
 * @param sshKey SSH private key file, if any
 * @param passphrase passphrase of the SSH key, if it has one
 * @param knownHosts known_hosts file the SSH server key must be listed in
 * @param strictHostKeys whether an SSH server key must match {@code knownHosts} (true by default)
 */
public record GitCredentialRule(
    String prefix,
    String username,
    Optional<SecretSource> token,
    Optional<Path> sshKey,
    Optional<SecretSource> passphrase,
    Path knownHosts,
    boolean strictHostKeys) {

  /** Whether this rule applies to {@code url}. */
  public boolean matches(String url) {
    return url.startsWith(prefix);
  }
}
