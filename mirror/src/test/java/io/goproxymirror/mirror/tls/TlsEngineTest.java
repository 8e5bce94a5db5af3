package io.goproxymirror.mirror.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the TLS engine")
class TlsEngineTest {
  @Test
  @DisplayName("is BoringSSL on the platforms whose native library the jar carries (Linux x86_64 and aarch64), else the JDK's")
  void boringSslOnLinux() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    boolean carried = os.contains("linux") && Set.of("amd64", "x86_64", "aarch64").contains(arch);
    assertThat(TlsServers.engine()).isEqualTo(carried ? "openssl" : "jdk");
  }
}
