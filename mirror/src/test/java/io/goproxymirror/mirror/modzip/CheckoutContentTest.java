package io.goproxymirror.mirror.modzip;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("CheckoutContent converts blobs as git archive does, streaming")
class CheckoutContentTest {
  private static final String BLOB = "4b82a854d56621254ebaafd62592d1cb87951faa";
  private static final String EXPANDED = "$Id: " + BLOB + " $";

  @ParameterizedTest(name = "read {0} byte(s) at a time")
  @ValueSource(ints = {1, 3, 8192})
  @DisplayName("expands $Id$ keywords like git's ident, whatever the chunking")
  void ident(int chunk) throws Exception {
    String in = "a $Id$ b\n$Id: x $\n$Id: a b $\n$Id:$ z\n$Id:\n$ q\n$$Id$\n$Id:x  $\n"
        + "$Id: y $Id$\n$Id";
    String expected = "a " + EXPANDED + " b\n" + EXPANDED + "\n$Id: a b $\n" + EXPANDED
        + " z\n$Id:\n$ q\n$" + EXPANDED + "\n$Id:x  $\n" + EXPANDED + "Id$\n$Id";

    assertThat(convert(in, attrs("ident", null, null, null), chunk)).isEqualTo(expected);
  }

  @Test
  @DisplayName("decides $Id: keywords longer than the held limit with a planning pass")
  void longKeywords() throws Exception {
    String body = "x".repeat(IdentExpander.LONG_KEYWORD + 10);
    String in = "$Id:" + body + "$\n$Id:" + body + "\n$Id$\n$Id:" + body + " y$Id$\n$Id: " + body;
    String expected = EXPANDED + "\n$Id:" + body + "\n" + EXPANDED + "\n$Id:" + body + " y"
        + EXPANDED + "\n$Id: " + body;

    assertThat(convert(in, attrs("ident", null, null, null), 8192)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "read {0} byte(s) at a time")
  @ValueSource(ints = {1, 8192})
  @DisplayName("eol=crlf turns every LF not after a CR into CRLF")
  void eolCrlf(int chunk) throws Exception {
    assertThat(convert("a\nb\r\nc\r\rd\n", attrs(null, null, "crlf", null), chunk))
        .isEqualTo("a\r\nb\r\nc\r\rd\r\n");
  }

  @Test
  @DisplayName("text=auto eol=crlf converts only LF-only text")
  void autoCrlf() throws Exception {
    CheckoutAttributes auto = attrs(null, "auto", "crlf", null);
    assertThat(convert("a\nb\n", auto, 1)).isEqualTo("a\r\nb\r\n");
    assertThat(convert("a\r\nb\n", auto, 1)).isEqualTo("a\r\nb\n");
    assertThat(convert("a\rb\n", auto, 1)).isEqualTo("a\rb\n");
    assertThat(convert("a\0b\n", auto, 1)).isEqualTo("a\0b\n");
    assertThat(convert("a".repeat(127) + "\1\n", auto, 1)).isEqualTo("a".repeat(127) + "\1\n");
    assertThat(convert("a".repeat(128) + "\1\n", auto, 1)).isEqualTo("a".repeat(128) + "\1\r\n");
    assertThat(convert("a\n\032", auto, 1)).isEqualTo("a\r\n\032");
    assertThat(convert("a\r", auto, 1)).isEqualTo("a\r");
  }

  @Test
  @DisplayName("binary (-text) and the legacy -crlf win over eol=crlf")
  void binaryWins() throws Exception {
    assertThat(convert("a\n", attrs(null, "-", "crlf", null), 1)).isEqualTo("a\n");
    assertThat(CheckoutConversion.of(new CheckoutAttributes(GitAttribute.UNSPECIFIED,
        GitAttribute.UNSET, GitAttribute.value("crlf"), GitAttribute.UNSPECIFIED,
        GitAttribute.UNSPECIFIED)).isNone()).isTrue();
  }

  @ParameterizedTest(name = "read {0} byte(s) at a time")
  @ValueSource(ints = {1, 2, 8192})
  @DisplayName("re-encodes UTF-8 with iconv's byte order marks, splitting sequences anywhere")
  void encodings(int chunk) throws Exception {
    String text = "h\u00e9\u20ac\uD83D\uDE00\n";
    assertThat(hex(encode(text, "UTF-16", chunk)))
        .isEqualTo("fffe6800e900ac203dd800de0a00");
    assertThat(hex(encode(text, "UTF-16BE", chunk))).isEqualTo("006800e920acd83dde00000a");
    assertThat(hex(encode(text, "utf-16be-bom", chunk)))
        .isEqualTo("feff006800e920acd83dde00000a");
    assertThat(hex(encode(text, "UTF-32", chunk)))
        .isEqualTo("fffe000068000000e9000000ac20000000f601000a000000");
    assertThat(hex(encode("h\u00e9\n", "windows-1252", chunk))).isEqualTo("68e90a");
  }

  @Test
  @DisplayName("leaves content unchanged when it cannot be re-encoded, and empty content empty")
  void encodingFailures() throws Exception {
    assertThat(encode("\uD83D\uDE00\n", "UCS-2", 1)).isEqualTo("\uD83D\uDE00\n".getBytes(UTF_8));
    assertThat(encode("\u20ac\n", "ISO-8859-1", 1)).isEqualTo("\u20ac\n".getBytes(UTF_8));
    byte[] invalid = "bad \u00ff\n".getBytes(ISO_8859_1);
    assertThat(convert(invalid, attrs(null, null, null, "UTF-16LE"), 1)).isEqualTo(invalid);
    assertThat(encode("", "UTF-16", 1)).isEmpty();
  }

  @Test
  @DisplayName("treats UTF-8 spellings as no encoding and refuses encodings it cannot reproduce")
  void encodingNames() throws Exception {
    assertThat(WorkingTreeEncoding.forName("utf8")).isEmpty();
    assertThat(WorkingTreeEncoding.forName("UTF-8")).isEmpty();
    assertThatThrownBy(() -> WorkingTreeEncoding.forName("SHIFT-JIS"))
        .isInstanceOf(InvalidModuleZipException.class).hasMessageContaining("not supported");
    assertThatThrownBy(() -> CheckoutConversion.of(new CheckoutAttributes(
        GitAttribute.UNSPECIFIED, GitAttribute.UNSPECIFIED, GitAttribute.UNSPECIFIED,
        GitAttribute.UNSPECIFIED, GitAttribute.SET)))
        .isInstanceOf(InvalidModuleZipException.class)
        .hasMessageContaining("no valid working-tree-encodings");
  }

  @Test
  @DisplayName("applies ident, then CRLF (deciding text=auto after ident), then the encoding")
  void order() throws Exception {
    assertThat(convert("$Id:\r$\nx\n", attrs("ident", "auto", "crlf", null), 1))
        .isEqualTo(EXPANDED + "\r\nx\r\n");
    assertThat(hex(convert("a\n".getBytes(UTF_8), attrs(null, null, "crlf", "UTF-16LE"), 1)))
        .isEqualTo("61000d000a00");
  }

  private static byte[] encode(String text, String encoding, int chunk) throws Exception {
    return convert(text.getBytes(UTF_8), attrs(null, null, null, encoding), chunk);
  }

  private static String convert(String in, CheckoutAttributes attributes, int chunk)
      throws Exception {
    return new String(convert(in.getBytes(ISO_8859_1), attributes, chunk), ISO_8859_1);
  }

  private static byte[] convert(byte[] in, CheckoutAttributes attributes, int chunk)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CheckoutContent.write(new Chunked(in, chunk), CheckoutConversion.of(attributes), out);
    return out.toByteArray();
  }

  /** ident: "ident" or null; text: "auto", "-" (unset) or null; eol and encoding values. */
  private static CheckoutAttributes attrs(String ident, String text, String eol, String enc) {
    return new CheckoutAttributes(
        text == null ? GitAttribute.UNSPECIFIED
            : text.equals("-") ? GitAttribute.UNSET : GitAttribute.value(text),
        GitAttribute.UNSPECIFIED,
        eol == null ? GitAttribute.UNSPECIFIED : GitAttribute.value(eol),
        ident == null ? GitAttribute.UNSPECIFIED : GitAttribute.SET,
        enc == null ? GitAttribute.UNSPECIFIED : GitAttribute.value(enc));
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** A blob whose streams return at most {@code chunk} bytes per read. */
  private record Chunked(byte[] content, int chunk) implements ContentSource {
    @Override
    public InputStream open() {
      return new ByteArrayInputStream(content) {
        @Override
        public synchronized int read(byte[] b, int off, int len) {
          return super.read(b, off, Math.min(len, chunk));
        }
      };
    }

    @Override
    public long size() {
      return content.length;
    }

    @Override
    public String blobId() {
      return BLOB;
    }
  }
}
