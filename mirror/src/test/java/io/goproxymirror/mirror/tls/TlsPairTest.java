package io.goproxymirror.mirror.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.config.ServerTlsConfig;
import io.goproxymirror.mirror.testkit.TestCa;
import io.goproxymirror.mirror.testkit.TestCa.KeyFormat;
import io.goproxymirror.mirror.testkit.TestCa.Pair;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("TLS pair: PEM formats and checks")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsPairTest {
  private Path dir;
  private TestCa ca;
  private Vertx vertx;

  @BeforeAll
  void ca(@TempDir Path tmp) {
    dir = tmp;
    ca = TestCa.create(tmp.resolve("ca"));
    vertx = Vertx.vertx();
  }

  @AfterAll
  void close() {
    vertx.close().await();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(KeyFormat.class)
  @DisplayName("accepts PKCS#8, PKCS#1 RSA and SEC1 EC keys")
  void formats(KeyFormat format) {
    Pair pair = ca.issue("f-" + format, 100 + format.ordinal(), format);
    assertThat(TlsPair.read(pair.cert(), pair.key()).check(vertx).getSerialNumber())
        .isEqualTo(BigInteger.valueOf(100 + format.ordinal()));
  }

  @Test
  @DisplayName("refuses a key that does not belong to the certificate")
  void mismatch() {
    Pair one = ca.issue("one", 1, KeyFormat.EC_PKCS8);
    Pair two = ca.issue("two", 2, KeyFormat.EC_PKCS8);
    assertThatThrownBy(() -> TlsPair.read(one.cert(), two.key()).check(vertx))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the private key does not belong to the certificate");
  }

  @Test
  @DisplayName("start fails naming both files when the pair is not PEM, without printing the key")
  void garbage() throws IOException {
    Pair good = ca.issue("good", 3, KeyFormat.RSA_PKCS8);
    Path broken = Files.writeString(dir.resolve("broken.crt"), "not a certificate\n");
    ServerTlsConfig config = new ServerTlsConfig(Optional.of(broken), Optional.of(good.key()), Duration.ofSeconds(1));
    String key = Files.readString(good.key());
    assertThatThrownBy(() -> TlsServers.load(config, Duration.ofSeconds(5), vertx))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("cannot serve HTTPS with server.tls.cert-file " + broken
            + " and server.tls.key-file " + good.key() + ": not a PEM certificate and private key pair: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key.lines().skip(1).findFirst().orElseThrow()));
  }

  @Test
  @DisplayName("the credentials warning appears only with credentials and without TLS")
  void warning() {
    ServerTlsConfig on = new ServerTlsConfig(Optional.of(dir), Optional.of(dir), Duration.ofSeconds(1));
    assertThat(PlainCredentialsWarning.of(false, ServerTlsConfig.OFF)).isEmpty();
    assertThat(PlainCredentialsWarning.of(true, on)).isEmpty();
    assertThat(PlainCredentialsWarning.of(true, ServerTlsConfig.OFF)).hasValueSatisfying(line ->
        assertThat(line).startsWith("event=credentials_without_tls ").contains(".netrc").contains("server.tls.cert-file"));
  }
}
