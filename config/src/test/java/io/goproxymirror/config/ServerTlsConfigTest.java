package io.goproxymirror.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.config.load.ConfigLoader;
import io.goproxymirror.config.value.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("server.tls.*")
class ServerTlsConfigTest {

  @TempDir Path dir;
  private Path cert;
  private Path key;

  @BeforeEach
  void files() throws IOException {
    cert = Files.writeString(dir.resolve("tls.crt"), "-----BEGIN CERTIFICATE-----\n");
    key = Files.writeString(dir.resolve("tls.key"), "-----BEGIN PRIVATE KEY-----\n");
  }

  private MirrorConfig load(String yaml, Map<String, String> env) {
    return ConfigLoader.load(Optional.of(ConfigFiles.write(dir, yaml)), env);
  }

  @Test
  @DisplayName("defaults: plain HTTP, files checked every 30 s")
  void defaults() {
    assertThat(load("{}\n", Map.of()).server().tls()).isEqualTo(ServerTlsConfig.OFF);
    assertThat(ServerTlsConfig.OFF.enabled()).isFalse();
    assertThat(ServerTlsConfig.OFF.reloadCheck()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  @DisplayName("reads both files and the check interval from the file")
  void fromFile() {
    ServerTlsConfig tls = load("server:\n  tls:\n    cert-file: " + cert + "\n    key-file: " + key
        + "\n    reload-check: 5s\n", Map.of()).server().tls();
    assertThat(tls).isEqualTo(new ServerTlsConfig(Optional.of(cert), Optional.of(key), Duration.ofSeconds(5)));
    assertThat(tls.enabled()).isTrue();
  }

  @Test
  @DisplayName("reads MIRROR_SERVER_TLS_CERT_FILE and MIRROR_SERVER_TLS_KEY_FILE")
  void fromEnvironment() {
    ServerTlsConfig tls = load("{}\n", Map.of(
        "MIRROR_SERVER_TLS_CERT_FILE", cert.toString(),
        "MIRROR_SERVER_TLS_KEY_FILE", key.toString(),
        "MIRROR_SERVER_TLS_RELOAD_CHECK", "1m")).server().tls();
    assertThat(tls).isEqualTo(new ServerTlsConfig(Optional.of(cert), Optional.of(key), Duration.ofMinutes(1)));
  }

  @Test
  @DisplayName("refuses a certificate without a key, and a key without a certificate")
  void bothOrNeither() {
    assertThatThrownBy(() -> load("{}\n", Map.of("MIRROR_SERVER_TLS_CERT_FILE", cert.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config error: MIRROR_SERVER_TLS_CERT_FILE (server.tls.cert-file): is set but"
            + " server.tls.key-file (env MIRROR_SERVER_TLS_KEY_FILE) is not; HTTPS needs both");
    assertThatThrownBy(() -> load("server:\n  tls:\n    key-file: " + key + "\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config error: server.tls.key-file: is set but"
            + " server.tls.cert-file (env MIRROR_SERVER_TLS_CERT_FILE) is not; HTTPS needs both");
  }

  @Test
  @DisplayName("refuses a missing, empty or directory file, naming the key")
  void unusableFiles() throws IOException {
    Path missing = dir.resolve("absent.crt");
    assertThatThrownBy(() -> load("{}\n", Map.of(
        "MIRROR_SERVER_TLS_CERT_FILE", missing.toString(), "MIRROR_SERVER_TLS_KEY_FILE", key.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config error: MIRROR_SERVER_TLS_CERT_FILE (server.tls.cert-file): file " + missing
            + " not found");
    Path empty = Files.createFile(dir.resolve("empty.key"));
    assertThatThrownBy(() -> load("server:\n  tls:\n    cert-file: " + cert + "\n    key-file: " + empty + "\n",
        Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config error: server.tls.key-file: file " + empty + " is empty");
    assertThatThrownBy(() -> load("server:\n  tls:\n    cert-file: " + dir + "\n    key-file: " + key + "\n",
        Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config error: server.tls.cert-file: file " + dir + " is not a regular file");
  }

  @Test
  @DisplayName("refuses a zero check interval")
  void zeroInterval() {
    assertThatThrownBy(() -> load("server:\n  tls:\n    reload-check: 0s\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("config error: server.tls.reload-check: must be a positive duration");
  }
}
