package io.goproxymirror.mirror.fetch.git.locate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MetaImportParserTest {

  private static MetaImport tag(String prefix, String vcs, String url) {
    return new MetaImport(prefix, vcs, url, "");
  }

  @Test
  @DisplayName("reads 3- and 4-field tags in order and skips other field counts")
  void fieldCounts() {
    MetaImportParser.Result r = MetaImportParser.parse("<html><head>"
        + "<meta name=\"go-import\" content=\"a.example/x git https://a.example/x\">"
        + "<meta name=\"go-import\" content=\"  a.example/y\tgit\n https://a.example/m  sub/dir \">"
        + "<meta name=\"go-import\" content=\"a.example/z git\">"
        + "<meta name=\"go-import\" content=\"a.example/w git https://a.example/w d e\">"
        + "<meta name=\"go-source\" content=\"a.example/v git https://a.example/v\">"
        + "<meta content=\"a.example/u git https://a.example/u\">"
        + "</head></html>");
    assertThat(r.imports()).containsExactly(
        tag("a.example/x", "git", "https://a.example/x"),
        new MetaImport("a.example/y", "git", "https://a.example/m", "sub/dir"));
    assertThat(r.headEnded()).isTrue();
  }

  @Test
  @DisplayName("mod tags come first and hide non-mod tags with the same prefix")
  void modFirst() {
    MetaImportParser.Result r = MetaImportParser.parse("<head>"
        + "<meta name=go-import content='p.example/a git https://git/a'>"
        + "<meta name=go-import content='p.example/b hg https://hg/b'>"
        + "<meta name=go-import content='p.example/a mod https://proxy'>"
        + "</head>");
    assertThat(r.imports()).containsExactly(
        tag("p.example/a", "mod", "https://proxy"), tag("p.example/b", "hg", "https://hg/b"));
  }

  @Test
  @DisplayName("reading stops at <body> or an explicit </head>, not at the end of an unclosed head")
  void stopsAtHeadEnd() {
    String meta = "<meta name=\"go-import\" content=\"s.example/x git https://s.example/x\"/>";
    assertThat(MetaImportParser.parse("<html><head></head>" + meta).imports()).isEmpty();
    assertThat(MetaImportParser.parse("<html><body>" + meta).imports()).isEmpty();
    assertThat(MetaImportParser.parse("<html><div>" + meta + "</div>").imports()).hasSize(1);
    MetaImportParser.Result unclosed = MetaImportParser.parse("<html><head>" + meta);
    assertThat(unclosed.imports()).hasSize(1);
    assertThat(unclosed.headEnded()).isFalse();
    assertThat(MetaImportParser.parse("<html><head>" + meta + "</HEAD>").headEnded()).isTrue();
  }

  @Test
  @DisplayName("comments hide tags; tag-like text in scripts is markup, as for the go command")
  void commentsAndScripts() {
    String meta = "<meta name=\"go-import\" content=\"s.example/x git https://s.example/x\">";
    assertThat(MetaImportParser.parse("<head><!-- " + meta + " --></head>").imports()).isEmpty();
    assertThat(MetaImportParser.parse("<head><script>if (a < b) {}</script>" + meta + "</head>").imports())
        .hasSize(1);
    assertThat(MetaImportParser.parse("<head><script>w('<body>')</script>" + meta + "</head>").imports())
        .isEmpty();
  }

  @Test
  @DisplayName("entities in attribute values are decoded")
  void entities() {
    List<MetaImport> imports = MetaImportParser.parse(
        "<head><meta name=\"go-import\" content=\"e.example/x git https://e.example/x?a=1&amp;b=2\"></head>")
        .imports();
    assertThat(imports).containsExactly(tag("e.example/x", "git", "https://e.example/x?a=1&b=2"));
  }
}
