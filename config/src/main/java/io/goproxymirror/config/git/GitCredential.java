package io.goproxymirror.config.git;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code git.credentials}: how to authenticate to repositories whose URL (after
 * {@code git.rewrites}) starts with {@link #prefix()}; the first matching entry wins. It holds
 * where the secrets are, never the secrets: the user of a credential reads the variable or file
 * when it connects. Every named variable was set and non-empty and every named file readable when
 * the configuration was loaded.
 *
 * @param prefix {@code prefix}: an https, http or ssh URL prefix, as written, for example {@code
 *     https://git.corp.example.com/} or {@code ssh://git@git.corp.example.com:2222/}
 * @param kind {@link Kind#TOKEN} for an http(s) prefix, {@link Kind#SSH_KEY} for an ssh one
 * @param username {@code username}: the HTTP user name sent with the token, default {@code git}
 *     (GitHub and GitLab ignore it for tokens; Bitbucket wants {@code x-token-auth}); empty for
 *     SSH, whose user name is part of the URL
 * @param tokenEnv {@code token-env}: the name of the environment variable holding the token
 * @param tokenFile {@code token-file}: the file holding the token (surrounding white space is not
 *     part of it); exactly one of {@code tokenEnv} and {@code tokenFile} is present for TOKEN
 * @param sshKeyFile {@code ssh-key-file}: the private key file; present exactly for SSH_KEY
 * @param sshKeyPassphraseEnv {@code ssh-key-passphrase-env}: the name of the environment variable
 *     holding the key's passphrase, if it has one
 * @param knownHostsFile {@code known-hosts-file}: the known_hosts file, default {@code
 *     ~/.ssh/known_hosts}; present exactly for SSH_KEY
 * @param strictHostKeyChecking {@code strict-host-key-checking}: refuse hosts whose key is not in
 *     the known_hosts file, default true; always true for TOKEN
 */
public record GitCredential(
    String prefix,
    Kind kind,
    Optional<String> username,
    Optional<String> tokenEnv,
    Optional<Path> tokenFile,
    Optional<Path> sshKeyFile,
    Optional<String> sshKeyPassphraseEnv,
    Optional<Path> knownHostsFile,
    boolean strictHostKeyChecking) {

  /** What a credential authenticates with. */
  public enum Kind {
    /** HTTP Basic authentication with a user name and a token, for http and https URLs. */
    TOKEN,
    /** A private key, for ssh URLs. */
    SSH_KEY
  }

  public GitCredential {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(kind, "kind");
    int tokenSources = (tokenEnv.isPresent() ? 1 : 0) + (tokenFile.isPresent() ? 1 : 0);
    boolean consistent =
        kind == Kind.TOKEN
            ? username.isPresent()
                && tokenSources == 1
                && sshKeyFile.isEmpty()
                && sshKeyPassphraseEnv.isEmpty()
                && knownHostsFile.isEmpty()
                && strictHostKeyChecking
            : username.isEmpty()
                && tokenSources == 0
                && sshKeyFile.isPresent()
                && knownHostsFile.isPresent();
    if (!consistent) {
      throw new IllegalArgumentException("the fields set do not fit a " + kind + " credential");
    }
  }
}
