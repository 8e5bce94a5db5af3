package io.goproxymirror.mirror.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.mirror.errors.BadRequestException;
import io.goproxymirror.mirror.errors.MirrorException;
import io.goproxymirror.mirror.errors.NotFoundException;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxyRequestTest {

  @Test
  @DisplayName("of() builds the request a client would send, escaped and checked the same way")
  void ofBuildsParsedRequests() {
    ProxyRequest zip = ProxyRequest.of(Endpoint.ZIP, "github.com/Acme/Widget", "v1.2.0");
    assertThat(zip).isEqualTo(ProxyRequest.parse("/github.com/!acme/!widget/@v/v1.2.0.zip"));
    assertThat(zip.blobKey()).isEqualTo("github.com/!acme/!widget/@v/v1.2.0.zip");
    assertThat(ProxyRequest.of(Endpoint.INFO, "example.com/m", "master").query()).isTrue();
    assertThat(ProxyRequest.of(Endpoint.INFO, "example.com/m", "v1.0.0").query()).isFalse();
    assertThat(ProxyRequest.of(Endpoint.LIST, "example.com/m", null).blobKey()).isEqualTo("example.com/m/@v/list");
    assertThatThrownBy(() -> ProxyRequest.of(Endpoint.MOD, "example.com/m", "v1.0"))
        .isInstanceOf(BadRequestException.class);
  }


  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @DisplayName("rejects malformed request paths")
  @CsvSource(delimiter = '|', quoteCharacter = '§', value = {
      "§§|400",
      "example.com/m/@v/list|400",
      "/example.com/../m/@v/list|400",
      "/example.com/./m/@v/list|400",
      "/example.com/%2e%2e/m/@v/list|400",
      "/example.com/%2E%2E/m/@v/list|400",
      "/example.com/.%2e/m/@v/list|400",
      "/example.com/%2e/m/@v/list|400",
      "/example.com/m/@v/list/..|400",
      "/example.com/m/@v/%2e%2e.info|400",
      "/example.com/m/@v/%2e.info|400",
      "/example.com\\m/@v/list|400",
      "/example.com%5cm/@v/list|400",
      "/example.com/m/@v/v1.0.0%00.info|400",
      "/example.com/m%0a/@v/list|400",
      "/example.com/m%0D/@v/list|400",
      "/example.com/m\t/@v/list|400",
      "/example.com/m%7f/@v/list|400",
      "/example.com/mé/@v/list|400",
      "/example.com/m%c3%a9/@v/list|400",
      "/example.com/m%zz/@v/list|400",
      "/example.com/m%2/@v/list|400",
      "/example.com/m/@v/list%|400",
      "/example.com/m/@v/v1.0.0%2.info|400",
      "/github.com/Azure/x/@v/list|400",
      "/github.com/%21Azure/x/@v/list|400",
      "/github.com/!/x/@v/list|400",
      "/github.com/azure!/@v/list|400",
      "/github.com/!!azure/@v/list|400",
      "/example.com/m/@v/v1.0.0-RC1.info|400",
      "/example.com/m/@v/v1.0.0-!.info|400",
      "/example.com/m/@v/v1.0.0-!1.info|400",
      "/@v/list|400",
      "/@latest|400",
      "//example.com/m/@v/list|400",
      "/example.com//m/@v/list|400",
      "/example/m/@v/list|400",
      "/exa mple.com/m/@v/list|400",
      "/example.com/a@b/@latest|400",
      "/example.com/m/v1/@v/list|400",
      "/example.com/m/v0/@latest|400",
      "/example.com/m/@v/master.mod|400",
      "/example.com/m/@v/v1.2.mod|400",
      "/example.com/m/@v/v1.0.0+meta.zip|400",
      "/example.com/m/@v/v2.0.0.zip|400",
      "/example.com/m/v2/@v/v1.0.0.zip|400",
      "/example.com/m/@v/abc1234.zip|400",
      "/example.com/m/@v/.info|400",
      "/example.com/m/@v/feature/x.info|400",
      "/example.com/m/@v/feature%2fx.info|400",
      "/example.com/m/@v/a:b.info|400",
      "/example.com/m/@v/a%3Fb.info|400",
      "/example.com/m/@v/con.info|400",
      "/example.com/m/@v/v1.0.0..info|400",
      "/example.com/m/@v/v1.0.0/x/@v/v1.0.0.info|400",
      "/example.com/m/@v/v1.0.0.tar|404",
      "/example.com/m/@v/|404",
      "/example.com/m|404",
      "/|404",
      "/example.com/m/@latest/|404",
      "/example.com/m/@v/list/|404",
      "/example.com/m/@v/LIST|404",
      "/example.com/m/@v/v1.0.0.INFO|404",
      "/example.com/m/@v/v1.0.0|404",
      "/example.com/m/@V/list|404",
      "/example.com/m/@latest.info|404",
      "/example.com/m/@v/listx|404",
      "/sumdb/sum.golang.org/supported|404"})
  void rejectsMalformedPaths(String rawPath, int status) {
    assertThatThrownBy(() -> ProxyRequest.parse(rawPath))
        .isInstanceOf(status == 400 ? BadRequestException.class : NotFoundException.class)
        .satisfies(e -> assertThat(((MirrorException) e).status()).isEqualTo(status))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").isNotBlank());
  }

  @Test
  @DisplayName("rejects raw paths longer than 2048 bytes and accepts one of exactly 2048")
  void rejectsOverlongPaths() {
    String head = "/example.com/";
    String tail = "/@v/list";
    String exact = head + elements(2048 - head.length() - tail.length()) + tail;
    assertThat(exact).hasSize(2048);
    assertThat(ProxyRequest.parse(exact).endpoint()).isEqualTo(Endpoint.LIST);
    String tooLong = head + elements(2049 - head.length() - tail.length()) + tail;
    assertThatThrownBy(() -> ProxyRequest.parse(tooLong)).isInstanceOf(BadRequestException.class)
        .hasMessageContaining("2048");
  }

  /** {@code length} characters of path elements of 199 letters each (a file name holds 255). */
  private static String elements(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((i + 1) % 200 == 0 ? '/' : 'a');
    }
    return out.toString();
  }

  @Test
  @DisplayName("rejects a null path")
  void rejectsNull() {
    assertThatThrownBy(() -> ProxyRequest.parse(null)).isInstanceOf(BadRequestException.class);
  }

  @Test
  @DisplayName("decodes %21 and undoes the '!' case escaping")
  void decodesPercentEncodedBang() {
    ProxyRequest r = ProxyRequest.parse(
        "/github.com/%21azure/go-autorest/autorest/@v/v0.11.28.info");
    assertThat(r).isEqualTo(new ProxyRequest(
        Endpoint.INFO, "github.com/Azure/go-autorest/autorest", "v0.11.28", false));
    assertThat(r.escapedModule()).isEqualTo("github.com/!azure/go-autorest/autorest");
    assertThat(r.blobKey()).isEqualTo("github.com/!azure/go-autorest/autorest/@v/v0.11.28.info");
  }

  @Test
  @DisplayName("accepts a raw '!' escape and escaped versions")
  void acceptsRawBangAndEscapedVersions() {
    ProxyRequest list = ProxyRequest.parse("/github.com/!azure/x/@v/list");
    assertThat(list).isEqualTo(new ProxyRequest(Endpoint.LIST, "github.com/Azure/x", null, false));
    assertThat(list.blobKey()).isEqualTo("github.com/!azure/x/@v/list");
    assertThat(list.escapedVersion()).isNull();

    ProxyRequest rc = ProxyRequest.parse("/example.com/m/@v/v1.0.0-%21r%21c1.zip");
    assertThat(rc).isEqualTo(new ProxyRequest(Endpoint.ZIP, "example.com/m", "v1.0.0-RC1", false));
    assertThat(rc.escapedVersion()).isEqualTo("v1.0.0-!r!c1");
    assertThat(rc.blobKey()).isEqualTo("example.com/m/@v/v1.0.0-!r!c1.zip");
  }

  @Test
  @DisplayName("keeps '+incompatible' and never turns '+' into a space")
  void keepsIncompatible() {
    ProxyRequest info = ProxyRequest.parse("/github.com/gomodule/redigo/@v/v2.0.0+incompatible.info");
    assertThat(info).isEqualTo(new ProxyRequest(
        Endpoint.INFO, "github.com/gomodule/redigo", "v2.0.0+incompatible", false));
    ProxyRequest mod = ProxyRequest.parse("/github.com/gomodule/redigo/@v/v2.0.0%2Bincompatible.mod");
    assertThat(mod.version()).isEqualTo("v2.0.0+incompatible");
    assertThat(mod.blobKey()).isEqualTo("github.com/gomodule/redigo/@v/v2.0.0+incompatible.mod");
    assertThat(ProxyRequest.parse("/github.com/gomodule/redigo/@v/v2.0.0+incompatible.zip")
        .endpoint()).isEqualTo(Endpoint.ZIP);
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1} {2} query={3}")
  @DisplayName("classifies .info versions as exact or query")
  @CsvSource({
      "/example.com/m/@v/v1.2.3.info, example.com/m, v1.2.3, false",
      "/example.com/m/@v/v0.0.0-20191109021931-daa7c04131f5.info, example.com/m, v0.0.0-20191109021931-daa7c04131f5, false",
      "/example.com/m/v2/@v/v2.1.0.info, example.com/m/v2, v2.1.0, false",
      "/gopkg.in/check.v1/@v/v0.0.0-20161208181325-20d25e280405.info, gopkg.in/check.v1, v0.0.0-20161208181325-20d25e280405, false",
      "/example.com/m/@v/master.info, example.com/m, master, true",
      "/example.com/m/@v/v1.2.info, example.com/m, v1.2, true",
      "/example.com/m/@v/v2.0.0.info, example.com/m, v2.0.0, true",
      "/example.com/m/v2/@v/v1.0.0.info, example.com/m/v2, v1.0.0, true",
      "/example.com/m/@v/abc1234.info, example.com/m, abc1234, true",
      "/example.com/m/@v/v1.4.1+meta.info, example.com/m, v1.4.1+meta, true",
      "/example.com/m/@v/!master.info, example.com/m, Master, true",
      "/example.com/m/@v/release%20one.info, example.com/m, release one, true",
      "/example.com/m/@v/v1.0.0.info.info, example.com/m, v1.0.0.info, true"})
  void classifiesQueries(String rawPath, String module, String version, boolean query) {
    ProxyRequest r = ProxyRequest.parse(rawPath);
    assertThat(r).isEqualTo(new ProxyRequest(Endpoint.INFO, module, version, query));
    assertThat("/" + r.blobKey()).isEqualTo(rawPath.replace("%20", " "));
  }

  @Test
  @DisplayName("parses .mod, .zip, list and @latest for suffixed and gopkg.in modules")
  void parsesOtherEndpoints() {
    assertThat(ProxyRequest.parse("/example.com/m/v2/@v/v2.1.0.mod"))
        .isEqualTo(new ProxyRequest(Endpoint.MOD, "example.com/m/v2", "v2.1.0", false));
    assertThat(ProxyRequest.parse("/gopkg.in/yaml.v3/@v/v3.0.1.zip"))
        .isEqualTo(new ProxyRequest(Endpoint.ZIP, "gopkg.in/yaml.v3", "v3.0.1", false));
    ProxyRequest latest = ProxyRequest.parse("/github.com/!sirupsen/logrus/@latest");
    assertThat(latest)
        .isEqualTo(new ProxyRequest(Endpoint.LATEST, "github.com/Sirupsen/logrus", null, false));
    assertThat(latest.blobKey()).isEqualTo("github.com/!sirupsen/logrus/@latest");
    assertThat(ProxyRequest.parse("/example.com%2Fm/@v/list").module()).isEqualTo("example.com/m");
  }

  @Test
  @DisplayName("random paths only ever give 400, 404, or a request whose blob key parses back")
  void randomPathsFailCleanlyOrRoundTrip() {
    String[] pieces = {"/", "/@v/", "/@latest", "example.com", "m", "v2", "!a", "%21", "%2e", "%2F",
        "%", "A", ".", "..", "+incompatible", "v1.0.0", ".info", ".mod", ".zip", "list", "~1", "@",
        "\\", "%00", "é", " ", "-", "gopkg.in", ".v1", "master"};
    Random random = new Random(20261121);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder raw = new StringBuilder(random.nextInt(4) == 0 ? "" : "/");
      for (int n = random.nextInt(10); n >= 0; n--) {
        raw.append(pieces[random.nextInt(pieces.length)]);
      }
      ProxyRequest parsed;
      try {
        parsed = ProxyRequest.parse(raw.toString());
      } catch (MirrorException e) {
        assertThat(e.status()).as(raw.toString()).isIn(400, 404);
        continue;
      }
      assertThat(ProxyRequest.parse("/" + parsed.blobKey())).as(raw.toString()).isEqualTo(parsed);
    }
  }

  @Test
  @DisplayName("refuses to build requests whose version presence contradicts the endpoint")
  void constructorChecksVersionPresence() {
    assertThatThrownBy(() -> new ProxyRequest(Endpoint.LIST, "example.com/m", "v1.0.0", false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ProxyRequest(Endpoint.ZIP, "example.com/m", null, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("rejects a version or module path element no file system can name, as 400")
  void rejectsNamesTooLongForAFile() {
    String longest = "v1.0.0-" + "a".repeat(250 - "v1.0.0-".length());
    assertThat(ProxyRequest.parse("/example.com/m/@v/" + longest + ".info").version()).isEqualTo(longest);
    assertThat(ProxyRequest.parse("/example.com/m/@v/" + longest + ".zip").version()).isEqualTo(longest);
    assertThatThrownBy(() -> ProxyRequest.parse("/example.com/m/@v/" + longest + "a.info"))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("too long");
    assertThatThrownBy(() -> ProxyRequest.parse("/example.com/m/@v/v1.0.0-" + "!c".repeat(130) + ".mod"))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("too long");
    assertThatThrownBy(() -> ProxyRequest.parse("/example.com/m/@v/" + "x".repeat(251) + ".info"))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("too long");
    String element = "e".repeat(255);
    assertThat(ProxyRequest.parse("/example.com/" + element + "/@v/list").module()).endsWith(element);
    assertThatThrownBy(() -> ProxyRequest.parse("/example.com/" + element + "e/@v/list"))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("too long");
    assertThatThrownBy(() -> ProxyRequest.parse("/example.com/" + "!a".repeat(128) + "/@latest"))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("too long");
  }
}
