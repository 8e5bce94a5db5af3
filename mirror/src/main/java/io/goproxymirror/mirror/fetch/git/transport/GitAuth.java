package io.goproxymirror.mirror.fetch.git.transport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshConstants;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.KeyPasswordProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Sets the credentials of one Git command from the first rule whose prefix matches the repository
 * URL: a user name and token for HTTP(S), an SSH session factory with the rule's key and
 * known_hosts for SSH. Everything is set on the command, never globally, and nothing is read from
 * the host's {@code ~/.ssh}. Without a matching rule a command runs anonymously. Over HTTP(S) the
 * credentials go to the repository URL's origin only, never to a server it redirects to.
 */
public final class GitAuth implements AutoCloseable {
  private final List<GitCredentialRule> rules;
  private final Path sshHome;
  private final GitTimeouts timeouts;
  private final ConcurrentMap<GitCredentialRule, SshdSessionFactory> ssh = new ConcurrentHashMap<>();
  private final SshdSessionFactory anonymousSsh;

  /** {@code sshHome}: an empty directory used as the SSH client's home (so no user files are read). */
  public GitAuth(List<GitCredentialRule> rules, Path sshHome, GitTimeouts timeouts) {
    this.rules = List.copyOf(rules);
    this.sshHome = sshHome;
    this.timeouts = timeouts;
    this.anonymousSsh = sessionFactory(null);
  }

  /** The rule for {@code url}, if any. */
  public Optional<GitCredentialRule> ruleFor(String url) {
    return rules.stream().filter(r -> r.matches(url)).findFirst();
  }

  /** Applies timeouts and the credentials for {@code url} to {@code command}. */
  public void configure(TransportCommand<?, ?> command, String url) throws IOException {
    command.setTimeout(timeouts.transportSeconds());
    Optional<GitCredentialRule> rule = ruleFor(url);
    if (rule.isPresent() && rule.get().token().isPresent()) {
      command.setCredentialsProvider(
          new UsernamePasswordCredentialsProvider(rule.get().username(), rule.get().token().get().read()));
    } else {
      command.setCredentialsProvider(NoCredentials.INSTANCE);
    }
    SshdSessionFactory factory = rule.isPresent() && rule.get().sshKey().isPresent()
        ? ssh.computeIfAbsent(rule.get(), this::sessionFactory)
        : anonymousSsh;
    command.setTransportConfigCallback(transport -> {
      if (transport instanceof SshTransport sshTransport) {
        sshTransport.setSshSessionFactory(factory);
      }
      if (transport instanceof TransportHttp http) {
        http.setHttpConnectionFactory(new OriginBoundConnections(url));
      }
    });
  }

  private SshdSessionFactory sessionFactory(GitCredentialRule rule) {
    File home = sshHome.toFile();
    Map<String, String> options = new HashMap<>();
    options.put(SshConstants.BATCH_MODE, "yes");
    options.put(SshConstants.CONNECT_TIMEOUT, Long.toString(Math.max(1, timeouts.connect().toSeconds())));
    options.put(SshConstants.IDENTITIES_ONLY, "yes");
    if (rule != null) {
      options.put(SshConstants.STRICT_HOST_KEY_CHECKING, rule.strictHostKeys() ? "yes" : "no");
      options.put(SshConstants.USER_KNOWN_HOSTS_FILE, rule.knownHosts().toAbsolutePath().toString());
      rule.sshKey().ifPresent(key -> options.put(SshConstants.IDENTITY_FILE, key.toAbsolutePath().toString()));
    } else {
      options.put(SshConstants.STRICT_HOST_KEY_CHECKING, "yes");
      options.put(SshConstants.USER_KNOWN_HOSTS_FILE, sshHome.resolve("known_hosts").toString());
    }
    FixedSshConfig config = new FixedSshConfig(options);
    return new SshdSessionFactoryBuilder()
        .setHomeDirectory(home)
        .setSshDirectory(sshHome.toFile())
        .setConfigStoreFactory((h, f, user) -> config)
        .setDefaultIdentities(dir -> rule == null || rule.sshKey().isEmpty() ? List.of() : List.of(rule.sshKey().get()))
        .setDefaultKnownHostsFiles(dir -> List.of(rule == null ? sshHome.resolve("known_hosts") : rule.knownHosts()))
        .setKeyPasswordProvider(cp -> new Passphrase(rule == null ? Optional.empty() : rule.passphrase()))
        .build(null);
  }

  @Override
  public void close() {
    ssh.values().forEach(SshdSessionFactory::close);
    anonymousSsh.close();
  }

  /** Supplies the configured passphrase of an SSH key once; never asks anyone. */
  private static final class Passphrase implements KeyPasswordProvider {
    private final Optional<SecretSource> source;
    private int attempts = 1;

    Passphrase(Optional<SecretSource> source) {
      this.source = source;
    }

    @Override
    public char[] getPassphrase(URIish uri, int attempt) throws IOException {
      return source.isPresent() && attempt == 0 ? source.get().read().toCharArray() : null;
    }

    @Override
    public void setAttempts(int maxNumberOfAttempts) {
      this.attempts = Math.min(1, maxNumberOfAttempts);
    }

    @Override
    public int getAttempts() {
      return attempts;
    }

    @Override
    public boolean keyLoaded(URIish uri, int attempt, Exception error) {
      return false;
    }
  }

  /** A credentials provider that has nothing to give and never prompts. */
  private static final class NoCredentials extends CredentialsProvider {
    static final NoCredentials INSTANCE = new NoCredentials();

    @Override
    public boolean isInteractive() {
      return false;
    }

    @Override
    public boolean supports(org.eclipse.jgit.transport.CredentialItem... items) {
      return false;
    }

    @Override
    public boolean get(URIish uri, org.eclipse.jgit.transport.CredentialItem... items) {
      return false;
    }
  }
}
