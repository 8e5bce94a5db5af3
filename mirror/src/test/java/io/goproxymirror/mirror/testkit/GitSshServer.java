package io.goproxymirror.mirror.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.eclipse.jgit.junit.ssh.SshTestGitServer;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Serves one bare repository over real SSH (Apache MINA SSHD via JGit's test server) on a loopback
 * port, accepting only the client key this class generates. Writes that key (OpenSSH format) and a
 * known_hosts file naming the server's host key into a directory, as an operator would provision
 * them.
 */
public final class GitSshServer implements AutoCloseable {
  public static final String USER = "git";

  private final SshTestGitServer server;
  private final Repository repository;
  private final int port;
  private final Path clientKey;
  private final Path knownHosts;
  private final Path otherKnownHosts;

  private GitSshServer(SshTestGitServer server, Repository repository, int port, Path clientKey, Path knownHosts,
      Path otherKnownHosts) {
    this.server = server;
    this.repository = repository;
    this.port = port;
    this.clientKey = clientKey;
    this.knownHosts = knownHosts;
    this.otherKnownHosts = otherKnownHosts;
  }

  /** Serves {@code bareRepo}; key files go to {@code keyDir}; the client key has no passphrase. */
  public static GitSshServer start(Path bareRepo, Path keyDir) {
    return start(bareRepo, keyDir, null);
  }

  /** As {@link #start(Path, Path)}, with the client key encrypted by {@code passphrase} if not null. */
  public static GitSshServer start(Path bareRepo, Path keyDir, String passphrase) {
    try {
      Files.createDirectories(keyDir);
      KeyPair hostKey = ecKey();
      KeyPair userKey = ecKey();
      Repository repo = new FileRepositoryBuilder().setGitDir(bareRepo.toFile()).setBare().setMustExist(true).build();
      SshTestGitServer server = new SshTestGitServer(USER, userKey.getPublic(), repo, hostKey);
      int port = server.start();
      Path clientKey = keyDir.resolve("id_ecdsa");
      try (OutputStream out = Files.newOutputStream(clientKey)) {
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphrase != null) {
          encryption = new OpenSSHKeyEncryptionContext();
          encryption.setCipherName(OpenSSHKeyEncryptionContext.AES);
          encryption.setCipherType("256");
          encryption.setCipherMode("CTR");
          encryption.setPassword(passphrase);
        }
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(userKey, "mirror", encryption, out);
      }
      Path knownHosts = keyDir.resolve("known_hosts");
      Files.writeString(knownHosts, "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n",
          StandardCharsets.US_ASCII);
      Path other = keyDir.resolve("known_hosts_other");
      Files.writeString(other, "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(ecKey().getPublic()) + "\n",
          StandardCharsets.US_ASCII);
      return new GitSshServer(server, repo, port, clientKey, knownHosts, other);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code ssh://git@127.0.0.1:<port>/} — the server ignores the path and serves its repository. */
  public String baseUrl() {
    return "ssh://" + USER + "@127.0.0.1:" + port + "/";
  }

  /** The client's private key (OpenSSH format). */
  public Path clientKey() {
    return clientKey;
  }

  /** A known_hosts file listing this server's host key. */
  public Path knownHosts() {
    return knownHosts;
  }

  /** A known_hosts file listing a different key for this server (a man in the middle). */
  public Path wrongKnownHosts() {
    return otherKnownHosts;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      repository.close();
    }
  }

  private static KeyPair ecKey() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }
}
