package io.goproxymirror.mirror.modzip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DirHashTest {

  static byte[] sha256(String content) {
    return sha256(content.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("hashes a synthesized go.mod as in the PROTOCOL §4.5 worked example")
  void goModWorkedExample() {
    byte[] goMod = "module github.com/pkg/errors\n".getBytes(StandardCharsets.UTF_8);
    assertThat(HexFormat.of().formatHex(sha256(goMod)))
        .isEqualTo("df28c6a823f181d76179697177c0c5943c6ffb38f3c10b2dc53be360ee7d4589");
    assertThat(DirHash.goModHash(goMod)).isEqualTo("h1:bwawxfHBFNV+L2hUp1rHADufV3IMtnDRdf1r5NINEl0=");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @DisplayName("matches the public /go.mod sums of go.mod-less modules (PROTOCOL §7.2, §7.3)")
  @CsvSource({
      "github.com/pkg/errors, h1:bwawxfHBFNV+L2hUp1rHADufV3IMtnDRdf1r5NINEl0=",
      "github.com/davecgh/go-spew, h1:J7Y8YcW2NihsgmVo/mv3lAwl/skON4iLHjSsI+c5H38=",
      "github.com/pmezard/go-difflib, h1:iKH77koFhYxTK1pcRnkKkqfTogsbg7gZNVY4sRDYZ/4=",
      "github.com/gomodule/redigo, h1:B4C85qUVwatsJoIUNIfCRsp7qO0iAmpGFZ4EELWSbC4="})
  void synthesizedGoModVectors(String module, String h1) {
    byte[] goMod = ("module " + module + "\n").getBytes(StandardCharsets.UTF_8);
    assertThat(DirHash.goModHash(goMod)).isEqualTo(h1);
  }

  @Test
  @DisplayName("hashes the PROTOCOL §4.5 worked zip example regardless of input order")
  void zipWorkedExample() {
    String prefix = "example.com/m@v1.0.0/";
    HashedFile goMod = new HashedFile(prefix + "go.mod", sha256("module example.com/m\n\ngo 1.21\n"));
    HashedFile a = new HashedFile(prefix + "a.go", sha256("package m\n"));
    HashedFile license = new HashedFile(prefix + "LICENSE", sha256("MIT\n"));
    assertThat(HexFormat.of().formatHex(license.sha256()))
        .isEqualTo("adc37366f403835c1470ab2df93d3837d4719372fc1ef8593d922e06f033f8b2");
    assertThat(HexFormat.of().formatHex(a.sha256()))
        .isEqualTo("4aa8b7c674470695884aab61a414c5a11c9e2e283df176cad2013bd4a059a7b5");
    assertThat(HexFormat.of().formatHex(goMod.sha256()))
        .isEqualTo("83b7b22d0c65b90dacf5611cc4f0498a452a9a47e43595a04f30ceb319ac227c");

    String expected = "h1:27jEjbIm8Qu4voLILwn0owglL+7/L3cr62JCzbAOhAI=";
    assertThat(DirHash.hash1(List.of(goMod, a, license))).isEqualTo(expected);
    assertThat(DirHash.hash1(List.of(license, a, goMod))).isEqualTo(expected);
    assertThat(DirHash.goModHash("module example.com/m\n\ngo 1.21\n".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("h1:ONeDgCa5UF/jJRjGzpOKmUiezgFEk4IPFZ96frvroW0=");
  }

  @Test
  @DisplayName("sorts names by UTF-8 bytes, not by UTF-16 code units")
  void sortsByUtf8Bytes() {
    String ligature = "m@v1.0.0/\uFB01.txt"; // U+FB01: UTF-8 EF AC 81, UTF-16 FB01
    String emoji = "m@v1.0.0/\uD83D\uDE00.txt"; // U+1F600: UTF-8 F0 9F 98 80, UTF-16 D83D DE00
    assertThat(emoji.compareTo(ligature)).isNegative(); // String order puts the emoji first
    HashedFile first = new HashedFile(ligature, sha256("one"));
    HashedFile second = new HashedFile(emoji, sha256("two"));

    String byteOrder = reference(first, second);
    assertThat(DirHash.hash1(List.of(second, first))).isEqualTo(byteOrder);
    assertThat(DirHash.hash1(List.of(first, second))).isEqualTo(byteOrder);
    assertThat(byteOrder).isNotEqualTo(reference(second, first));
  }

  @Test
  @DisplayName("an empty file list hashes the empty summary")
  void emptyList() {
    assertThat(DirHash.hash1(List.of())).isEqualTo(
        "h1:" + Base64.getEncoder().encodeToString(sha256(new byte[0])));
  }

  @Test
  @DisplayName("rejects names containing a newline")
  void rejectsNewlines() {
    assertThatThrownBy(() -> DirHash.hash1(List.of(new HashedFile("a\nb", sha256("x")))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("HashedFile copies its digest and compares by content")
  void hashedFileIsAValue() {
    byte[] digest = sha256("x");
    HashedFile f = new HashedFile("a", digest);
    digest[0] ^= 1;
    assertThat(f).isEqualTo(new HashedFile("a", sha256("x")));
    assertThatThrownBy(() -> new HashedFile("a", new byte[3]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Hash1 written out longhand for files already in the intended order. */
  private static String reference(HashedFile... files) {
    StringBuilder summary = new StringBuilder();
    for (HashedFile f : files) {
      summary.append(HexFormat.of().formatHex(f.sha256())).append("  ").append(f.name()).append('\n');
    }
    return "h1:" + Base64.getEncoder().encodeToString(sha256(summary.toString()));
  }
}
