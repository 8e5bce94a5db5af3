package io.goproxymirror.sync.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.sync.port.ModuleVersion;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("IndexCursor")
class IndexCursorTest {
  private static final Instant T = Instant.parse("2019-04-10T19:08:52.997264Z");

  private static IndexEntry at(String path, String timestamp) {
    return IndexFeeds.entry(path, "v1.0.0", timestamp,
        OffsetDateTime.parse(timestamp).toInstant());
  }

  @Test
  @DisplayName("keeps entries at its own timestamp that it has not seen, and drops those it has")
  void sameTimestamp() {
    IndexCursor cursor = new IndexCursor("2019-04-10T19:08:52.997264Z", T,
        Set.of(new ModuleVersion("a", "v1.0.0")));
    IndexCursor.Advance advance = cursor.advance(List.of(
        at("a", "2019-04-10T19:08:52.997264Z"),
        at("b", "2019-04-10T19:08:52.997264Z")));

    assertThat(advance.fresh()).extracting(e -> e.module().path()).containsExactly("b");
    assertThat(advance.next().timestamp()).isEqualTo("2019-04-10T19:08:52.997264Z");
    assertThat(advance.next().seen()).containsExactlyInAnyOrder(
        new ModuleVersion("a", "v1.0.0"), new ModuleVersion("b", "v1.0.0"));
  }

  @Test
  @DisplayName("moves to the last timestamp, kept exactly as written, and remembers only what is at it")
  void movesOn() {
    IndexCursor.Advance advance = IndexCursor.at(T).advance(List.of(
        at("a", "2019-04-10T19:08:52.997264Z"),
        at("b", "2019-04-10T12:08:53.5-07:00"),
        at("c", "2019-04-10T19:08:53.500000Z"),
        at("b", "2019-04-10T19:08:53.5Z")));

    assertThat(advance.fresh()).extracting(e -> e.module().path()).containsExactly("a", "b", "c");
    assertThat(advance.next().timestamp()).isEqualTo("2019-04-10T12:08:53.5-07:00");
    assertThat(advance.next().time()).isEqualTo(Instant.parse("2019-04-10T19:08:53.500Z"));
    assertThat(advance.next().seen()).containsExactlyInAnyOrder(
        new ModuleVersion("b", "v1.0.0"), new ModuleVersion("c", "v1.0.0"));
  }

  @Test
  @DisplayName("drops entries older than itself and stays put when nothing is new")
  void nothingNew() {
    IndexCursor cursor = new IndexCursor("2019-04-10T19:08:53Z", T.plusSeconds(1),
        Set.of(new ModuleVersion("b", "v1.0.0")));
    IndexCursor.Advance advance = cursor.advance(List.of(
        at("a", "2019-04-10T19:08:52.997264Z"),
        at("b", "2019-04-10T19:08:53Z")));

    assertThat(advance.fresh()).isEmpty();
    assertThat(advance.next()).isEqualTo(cursor);
  }

  @Test
  @DisplayName("round-trips through JSON")
  void json() {
    IndexCursor cursor = new IndexCursor("2019-04-10T12:08:52.997264-07:00", T,
        Set.of(new ModuleVersion("b", "v1.0.0"), new ModuleVersion("a", "v0.0.0-20190410190852-abcdefabcdef")));

    String json = cursor.toJson();

    assertThat(IndexCursor.fromJson(json)).isEqualTo(cursor);
    assertThat(json).isEqualTo("{\"timestamp\":\"2019-04-10T12:08:52.997264-07:00\",\"seen\":["
        + "{\"path\":\"a\",\"version\":\"v0.0.0-20190410190852-abcdefabcdef\"},"
        + "{\"path\":\"b\",\"version\":\"v1.0.0\"}]}");
  }

  @Test
  @DisplayName("refuses text that is not a cursor")
  void refusesGarbage() {
    assertThatThrownBy(() -> IndexCursor.fromJson("nope")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IndexCursor.fromJson("{\"timestamp\":\"yesterday\"}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IndexCursor.fromJson("{\"seen\":[]}")).isInstanceOf(IllegalArgumentException.class);
  }
}
