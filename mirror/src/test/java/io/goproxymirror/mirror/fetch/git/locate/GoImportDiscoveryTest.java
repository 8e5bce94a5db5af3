package io.goproxymirror.mirror.fetch.git.locate;

import static io.goproxymirror.mirror.fetch.git.locate.GoGetServer.html;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.mirror.errors.NotFoundException;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GoImportDiscoveryTest {
  private GoGetServer server;
  private GoImportDiscovery discovery;

  @BeforeEach
  void start() throws IOException {
    server = new GoGetServer();
    discovery = new GoImportDiscovery(server.pageUrl(), Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  @DisplayName("a vanity path names its repository")
  void vanityPath() {
    server.page("go.acme.example/x", html("go.acme.example/x git https://git.acme.example/x.git"));
    assertThat(discovery.discover("go.acme.example/x"))
        .isEqualTo(new RepoRoot("go.acme.example/x", "https://git.acme.example/x.git", "git"));
    assertThat(server.requests("go.acme.example/x")).isEqualTo(1);
  }

  @Test
  @DisplayName("a module below a vanity root is confirmed by the root's own page")
  void subdirectoryModule() {
    String tag = "go.acme.example/x git https://git.acme.example/x";
    server.page("go.acme.example/x/sub/v2", html(tag));
    server.page("go.acme.example/x", html(tag));
    assertThat(discovery.discover("go.acme.example/x/sub/v2"))
        .isEqualTo(new RepoRoot("go.acme.example/x", "https://git.acme.example/x", "git"));
    assertThat(server.requests("go.acme.example/x")).isEqualTo(1);
  }

  @Test
  @DisplayName("a root whose page disagrees with the module's page is rejected (anti-hijack)")
  void hijackRejected() {
    server.page("uni.example/bob/project", html("uni.example git https://evil.example/repo"));
    server.page("uni.example", html("uni.example git https://uni.example/real"));
    assertThatThrownBy(() -> discovery.discover("uni.example/bob/project"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("disagree about go-import for uni.example");
  }

  @Test
  @DisplayName("a root without a page of its own cannot confirm the tag")
  void rootWithoutPage() {
    server.page("uni.example/bob/project", html("uni.example git https://uni.example/real"));
    assertThatThrownBy(() -> discovery.discover("uni.example/bob/project"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageStartingWith("uni.example/bob/project: cannot confirm go-import for uni.example (")
        .hasMessageContaining("no go-import meta tags")
        .hasMessageContaining("status 404");
  }

  @Test
  @DisplayName("the status code is ignored: a 404 page carrying the tag works")
  void notFoundPageWithTag() {
    server.page("go.acme.example/y", 404, html("go.acme.example/y git https://git.acme.example/y"));
    assertThat(discovery.discover("go.acme.example/y").url()).isEqualTo("https://git.acme.example/y");
  }

  @Test
  @DisplayName("two matching tags are an error")
  void multipleTags() {
    server.page("go.acme.example/x/y", html(
        "go.acme.example/x git https://git.acme.example/x",
        "go.acme.example/x/y git https://git.acme.example/y"));
    assertThatThrownBy(() -> discovery.discover("go.acme.example/x/y"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("multiple go-import meta tags");
  }

  @Test
  @DisplayName("mod tags take precedence and hide non-mod tags with the same prefix")
  void modPrecedence() {
    server.page("go.acme.example/m", html(
        "go.acme.example/m git https://git.acme.example/m",
        "go.acme.example/m mod https://proxy.acme.example"));
    assertThat(discovery.discover("go.acme.example/m"))
        .isEqualTo(new RepoRoot("go.acme.example/m", "https://proxy.acme.example", "mod"));
  }

  @Test
  @DisplayName("a matching mod tag wins over later non-mod matches with other prefixes")
  void modWinsOverLongerGitPrefix() {
    String mod = "go.acme.example mod https://proxy.acme.example";
    server.page("go.acme.example/m", html("go.acme.example/m git https://git.acme.example/m", mod));
    server.page("go.acme.example", html(mod));
    assertThat(discovery.discover("go.acme.example/m").vcs()).isEqualTo("mod");
  }

  @Test
  @DisplayName("tags whose prefix is not a path prefix are listed in the error")
  void prefixMismatch() {
    server.page("go.acme.example/xy", html("go.acme.example/x git https://git.acme.example/x"));
    assertThatThrownBy(() -> discovery.discover("go.acme.example/xy"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no go-import meta tags")
        .hasMessageContaining("go.acme.example/x do not match");
  }

  @Test
  @DisplayName("tags after </head> or in the body are ignored")
  void tagsInBodyIgnored() {
    server.page("go.acme.example/b", "<html><head><title>b</title></head>"
        + "<meta name=\"go-import\" content=\"go.acme.example/b git https://git.acme.example/b\">"
        + "<body></body></html>");
    server.page("go.acme.example/c", "<html><head></head><body>"
        + "<meta name=\"go-import\" content=\"go.acme.example/c git https://git.acme.example/c\">"
        + "</body></html>");
    for (String path : new String[] {"go.acme.example/b", "go.acme.example/c"}) {
      assertThatThrownBy(() -> discovery.discover(path))
          .isInstanceOf(NotFoundException.class)
          .hasMessageContaining(path + ": no go-import meta tags at ");
    }
  }

  @Test
  @DisplayName("a page without tags, or garbage, is not found")
  void noTagOrGarbage() {
    server.page("go.acme.example/none", "<html><head><title>hi</title></head><body>secret body text</body>");
    server.page("go.acme.example/junk", "<<<>>>&&&\u0000\u0001 <meta <meta name=go-import content=\"x");
    assertThatThrownBy(() -> discovery.discover("go.acme.example/none"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no go-import meta tags at " + server.url("go.acme.example/none"))
        .hasMessageNotContaining("secret body text");
    assertThatThrownBy(() -> discovery.discover("go.acme.example/junk"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  @DisplayName("attribute and element names are case-insensitive; the name value is exact")
  void caseRules() {
    server.page("go.acme.example/u", "<HTML><HEAD><META NAME=\"go-import\" CONTENT="
        + "\"go.acme.example/u git https://git.acme.example/u\"></HEAD></HTML>");
    server.page("go.acme.example/v", "<html><head><meta name=\"Go-Import\" content="
        + "\"go.acme.example/v git https://git.acme.example/v\"></head></html>");
    assertThat(discovery.discover("go.acme.example/u").url()).isEqualTo("https://git.acme.example/u");
    assertThatThrownBy(() -> discovery.discover("go.acme.example/v")).isInstanceOf(NotFoundException.class);
  }

  @Test
  @DisplayName("a fourth field names the repository subdirectory; a bad one is rejected")
  void subdirectoryField() {
    server.page("go.acme.example/s", html("go.acme.example/s git https://git.acme.example/mono go/s"));
    server.page("go.acme.example/t", html("go.acme.example/t git https://git.acme.example/mono ../t"));
    assertThat(discovery.discover("go.acme.example/s"))
        .isEqualTo(new RepoRoot("go.acme.example/s", "https://git.acme.example/mono", "git", "go/s"));
    assertThatThrownBy(() -> discovery.discover("go.acme.example/t"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("invalid subdirectory");
  }

  @Test
  @DisplayName("a repository URL needs a scheme other than file; credentials never reach the message")
  void repoUrlChecks() {
    server.page("go.acme.example/f", html("go.acme.example/f git file:///srv/git/f"));
    server.page("go.acme.example/s", html("go.acme.example/s git git@git.acme.example:s.git"));
    server.page("go.acme.example/c", html("go.acme.example/c git https://user:hunter2@git.acme.example/c"));
    server.page("go.acme.example/k", html("go.acme.example/k darcs https://user:hunter2@git.acme.example/k"));
    assertThatThrownBy(() -> discovery.discover("go.acme.example/f"))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("file scheme disallowed");
    assertThatThrownBy(() -> discovery.discover("go.acme.example/s"))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("no scheme");
    assertThatThrownBy(() -> discovery.discover("go.acme.example/k"))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("unknown vcs darcs")
        .hasMessageNotContaining("hunter2");
    RepoRoot withCredentials = discovery.discover("go.acme.example/c");
    assertThat(withCredentials.url()).isEqualTo("https://user:hunter2@git.acme.example/c");
    assertThat(withCredentials.toString()).doesNotContain("hunter2").contains("https://***@git.acme.example/c");
  }

  @Test
  @DisplayName("a redirect is followed")
  void redirect() {
    server.redirect("go.acme.example/r", server.url("moved/r"));
    server.page("moved/r", html("go.acme.example/r git https://git.acme.example/r"));
    assertThat(discovery.discover("go.acme.example/r").url()).isEqualTo("https://git.acme.example/r");
  }

  @Test
  @DisplayName("a path whose first element is not a host name is not fetched")
  void noHostName() {
    assertThatThrownBy(() -> discovery.discover("localhost/x"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("does not begin with a host name");
    assertThat(server.requests("localhost/x")).isZero();
  }

  @Test
  @DisplayName("the default page URL is https://<path>?go-get=1")
  void defaultPageUrl() {
    assertThat(GoImportDiscovery.defaultPageUrl("golang.org/x/mod")).isEqualTo("https://golang.org/x/mod?go-get=1");
  }
}
