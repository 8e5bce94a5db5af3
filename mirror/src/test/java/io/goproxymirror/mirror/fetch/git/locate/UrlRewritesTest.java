package io.goproxymirror.mirror.fetch.git.locate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UrlRewritesTest {

  @Test
  @DisplayName("the first matching prefix is replaced; later rules are not applied on top")
  void firstMatchWins() {
    UrlRewrites rewrites = new UrlRewrites(List.of(
        new UrlRewrite("https://github.com/acme/", "ssh://git@github.com/acme/"),
        new UrlRewrite("https://github.com/", "http://127.0.0.1:18081/github.com/"),
        new UrlRewrite("http://127.0.0.1:18081/", "http://never/")));
    assertThat(rewrites.apply("https://github.com/acme/x")).isEqualTo("ssh://git@github.com/acme/x");
    assertThat(rewrites.apply("https://github.com/other/y")).isEqualTo("http://127.0.0.1:18081/github.com/other/y");
    assertThat(rewrites.apply("https://go.googlesource.com/mod")).isEqualTo("https://go.googlesource.com/mod");
  }

  @Test
  @DisplayName("no rules leave URLs alone; an empty 'from' is rejected; toString hides credentials")
  void edges() {
    assertThat(new UrlRewrites(List.of()).apply("https://x/y")).isEqualTo("https://x/y");
    assertThatThrownBy(() -> new UrlRewrite("", "https://x/")).isInstanceOf(IllegalArgumentException.class);
    assertThat(new UrlRewrite("https://github.com/", "https://u:tok3n@mirror.example/").toString())
        .doesNotContain("tok3n");
  }
}
