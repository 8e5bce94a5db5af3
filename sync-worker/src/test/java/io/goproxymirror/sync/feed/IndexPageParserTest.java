package io.goproxymirror.sync.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("IndexPageParser")
class IndexPageParserTest {

  @Test
  @DisplayName("reads UTC and old-style offsets, CRLF and blank lines, and skips malformed lines")
  void parses() {
    IndexPage page = IndexPageParser.parse(String.join("\n",
        "{\"Path\":\"golang.org/x/text\",\"Version\":\"v0.3.0\",\"Timestamp\":\"2019-04-10T19:08:52.997264Z\"}\r",
        "",
        "{\"Path\":\"github.com/a/b\",\"Version\":\"v0.0.0-20190410120852-0123456789ab\",\"Timestamp\":\"2019-04-10T12:08:53.1-07:00\"}",
        "not json",
        "[1,2]",
        "{\"Path\":\"github.com/a/b\",\"Version\":\"v1.0.0\"}",
        "{\"Path\":\"github.com/a/b\",\"Version\":7,\"Timestamp\":\"2019-04-10T19:08:54Z\"}",
        "{\"Path\":\"github.com/a/b\",\"Version\":\"v1.0.1\",\"Timestamp\":\"2019-04-10 19:08:54\"}",
        "{\"Path\":\"github.com/a/b\",\"Version\":\"v1.0.2\",\"Timestamp\":\"2019-04-10T19:08:55+00:00\",\"Extra\":true}",
        ""));

    assertThat(page.malformedLines()).isEqualTo(5);
    assertThat(page.entries()).containsExactly(
        IndexFeeds.entry("golang.org/x/text", "v0.3.0", "2019-04-10T19:08:52.997264Z",
            Instant.parse("2019-04-10T19:08:52.997264Z")),
        IndexFeeds.entry("github.com/a/b", "v0.0.0-20190410120852-0123456789ab",
            "2019-04-10T12:08:53.1-07:00", Instant.parse("2019-04-10T19:08:53.100Z")),
        IndexFeeds.entry("github.com/a/b", "v1.0.2", "2019-04-10T19:08:55+00:00",
            Instant.parse("2019-04-10T19:08:55Z")));
  }

  @Test
  @DisplayName("an empty body is an empty page")
  void empty() {
    assertThat(IndexPageParser.parse("")).isEqualTo(new IndexPage(List.of(), 0));
  }
}
