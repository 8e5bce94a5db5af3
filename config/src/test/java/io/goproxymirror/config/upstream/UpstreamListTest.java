package io.goproxymirror.config.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.config.upstream.UpstreamEntry.Kind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("UpstreamList")
class UpstreamListTest {

  @Test
  @DisplayName("reads the go command's default list")
  void readsDefault() {
    assertThat(UpstreamList.parse("https://proxy.golang.org,direct"))
        .containsExactly(
            UpstreamEntry.proxy("https://proxy.golang.org", false), UpstreamEntry.direct());
  }

  @Test
  @DisplayName("marks an entry followed by '|' as falling through on any error, ',' only on 404/410")
  void readsSeparators() {
    assertThat(UpstreamList.parse("https://a.example|https://b.example,https://c.example"))
        .containsExactly(
            UpstreamEntry.proxy("https://a.example", true),
            UpstreamEntry.proxy("https://b.example", false),
            UpstreamEntry.proxy("https://c.example", false));
  }

  @Test
  @DisplayName("reads off alone")
  void readsOff() {
    assertThat(UpstreamList.parse("off")).containsExactly(UpstreamEntry.off());
    assertThat(UpstreamList.parse("off").get(0).kind()).isEqualTo(Kind.OFF);
    assertThat(UpstreamList.parse("off").get(0).url()).isNull();
  }

  @Test
  @DisplayName("ignores everything after direct or off, as the go command does")
  void directAndOffEndTheList() {
    assertThat(UpstreamList.parse("direct,https://proxy.golang.org"))
        .containsExactly(UpstreamEntry.direct());
    assertThat(UpstreamList.parse("https://a.example|off|whatever,,"))
        .containsExactly(UpstreamEntry.proxy("https://a.example", true), UpstreamEntry.off());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "proxy.example.com, https://proxy.example.com",
    "localhost:3000, https://localhost:3000",
    "proxy.example.com/go/, https://proxy.example.com/go",
    "https://proxy.golang.org/, https://proxy.golang.org",
    "https://proxy.golang.org///, https://proxy.golang.org",
    "http://10.0.0.1:8080/goproxy, http://10.0.0.1:8080/goproxy",
    "HTTPS://Proxy.Example.com, https://Proxy.Example.com",
    "https://[::1]:3000, https://[::1]:3000",
    "' https://a.example ', https://a.example",
  })
  @DisplayName("prepends https:// when the scheme is missing and removes trailing slashes")
  void normalizesUrls(String entry, String url) {
    assertThat(UpstreamList.parse(entry)).containsExactly(UpstreamEntry.proxy(url, false));
  }

  @Test
  @DisplayName("keeps userinfo in the URL for Basic auth but hides it from toString")
  void keepsUserinfo() {
    UpstreamEntry entry = UpstreamList.parse("https://bob:s3cret@athens.example.com").get(0);
    assertThat(entry.url()).isEqualTo("https://bob:s3cret@athens.example.com");
    assertThat(entry.toString()).doesNotContain("s3cret").doesNotContain("bob").contains("***@");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "   "})
  @DisplayName("rejects an empty list")
  void rejectsEmptyList(String goproxy) {
    assertThatThrownBy(() -> UpstreamList.parse(goproxy))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("empty GOPROXY list");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {",direct", "https://a.example,,direct", "https://a.example|", "https://a.example, "})
  @DisplayName("rejects empty entries")
  void rejectsEmptyEntries(String goproxy) {
    assertThatThrownBy(() -> UpstreamList.parse(goproxy))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("empty entry ");
  }

  @ParameterizedTest(name = "\"{0}\": {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "file:///srv/goproxy; file:// upstreams are not supported by this server",
        "/srv/goproxy; file paths are not supported",
        "ftp://proxy.example.com; unsupported upstream URL scheme",
        "DIRECT; unknown GOPROXY keyword \"DIRECT\"",
        "noproxy; unknown GOPROXY keyword",
        "https:///goproxy; has no valid host",
        "https://; invalid upstream URL",
        "https://proxy.example.com:port; has no valid host",
        "https://proxy.example.com/?x=1; must not have a query or fragment",
        "https://proxy.example.com/#top; must not have a query or fragment",
        "https://proxy example.com; invalid upstream URL",
        "http://127.0.0.1:99999; port 99999 out of range (1 to 65535)",
        "http://127.0.0.1:65536/go; port 65536 out of range (1 to 65535)",
        "http://127.0.0.1:0; port 0 out of range (1 to 65535)",
        "proxy.example.com:0; port 0 out of range (1 to 65535)",
        "http://127.0.0.1:8x; has no valid host",
        "http://:8080; has no valid host",
        "http://proxy_1.example.com; has no valid host",
        "http://-proxy.example.com; has no valid host",
        "http://proxy..example.com; has no valid host",
        "gopher://proxy.example.com; unsupported upstream URL scheme",
        "https://a.example|http://b.example:123456,direct; port 123456 out of range (1 to 65535)",
      })
  @DisplayName("rejects entries the server cannot use, with a one-line reason")
  void rejectsBadEntries(String goproxy, String reason) {
    assertThatThrownBy(() -> UpstreamList.parse(goproxy))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  @DisplayName("never echoes userinfo in an error")
  void errorsHideUserinfo() {
    assertThatThrownBy(() -> UpstreamList.parse("ftp://bob:s3cret@proxy.example.com"))
        .hasMessageNotContaining("s3cret")
        .hasMessageContaining("ftp://***@proxy.example.com");
    assertThatThrownBy(() -> UpstreamList.parse("https://bob:s3cret@proxy.example.com/?a"))
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> UpstreamList.parse("bob:s3cret@proxy.example.com/?a"))
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> UpstreamList.parse("https://bob:s3cret@a.example,,direct"))
        .hasMessageNotContaining("s3cret");
  }

  @Test
  @DisplayName("redacts every URL of a list for logging")
  void redactsLists() {
    assertThat(UpstreamList.redact("https://u:p@a.example|http://t@b.example/x,direct"))
        .isEqualTo("https://***@a.example|http://***@b.example/x,direct");
  }
}
