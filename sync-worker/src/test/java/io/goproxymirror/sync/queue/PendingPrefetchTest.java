package io.goproxymirror.sync.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.sync.port.ModuleVersion;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PendingPrefetch")
class PendingPrefetchTest {

  @Test
  @DisplayName("survives a round trip through its JSON form")
  void roundTrip() {
    PendingPrefetch pending =
        new PendingPrefetch(
            new ModuleVersion("github.com/spf13/cobra", "v1.8.0"),
            2,
            Set.of("job-a", "job-b"),
            3,
            Instant.parse("2026-11-21T10:00:00.123Z"));

    PendingPrefetch read = PendingPrefetch.fromJson(new JsonObject(pending.toJson().encode()));

    assertThat(read).isEqualTo(pending);
  }

  @Test
  @DisplayName("refuses JSON without a module path")
  void invalid() {
    assertThatThrownBy(() -> PendingPrefetch.fromJson(new JsonObject().put("version", "v1.0.0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a pending prefetch");
  }
}
