package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.load.ConfigLoader;
import io.goproxymirror.mirror.auth.Anonymous;
import io.goproxymirror.mirror.auth.AuthSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("AuthWiring: from auth.* to the access check")
class AuthWiringTest {
  @TempDir Path tmp;

  @Test
  @DisplayName("without any auth setting nothing starts and the routes are mounted as they are")
  void offByDefault() {
    Vertx vertx = Vertx.vertx();
    try {
      AuthWiring wiring = AuthWiring.start(ConfigLoader.load(Optional.empty(), Map.of()), vertx, new SimpleMeterRegistry());
      assertThat(wiring.handler()).isEmpty();
      Consumer<Router> routes = router -> { };
      assertThat(RouteWiring.guarded(wiring.handler(), routes)).isSameAs(routes);
      wiring.stop().blockingAwait();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  @Test
  @DisplayName("the settings carry the rules, anonymous, private and noproxy, the throttle and the check interval")
  void settings() throws Exception {
    Path users = Files.writeString(tmp.resolve("users.yaml"), "users: []\n");
    MirrorConfig config = ConfigLoader.load(Optional.empty(), Map.of(
        "MIRROR_AUTH_USERS_FILE", users.toString(), "MIRROR_AUTH_ANONYMOUS", "none",
        "MIRROR_PRIVATE", "corp.example.com/*", "MIRROR_NOPROXY", "git.example.org/*",
        "MIRROR_AUTH_FAILURE_BURST", "4", "MIRROR_AUTH_FAILURE_COOLDOWN", "9s",
        "MIRROR_AUTH_USERS_FILE_CHECK", "2s"));
    AuthSettings settings = AuthWiring.settings(config);
    assertThat(settings.usersFile()).contains(users);
    assertThat(settings.usersCheckInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.access().anonymous()).isEqualTo(Anonymous.NONE);
    assertThat(settings.access().privateModules().matches("corp.example.com/x")).isTrue();
    assertThat(settings.access().noproxyModules().matches("git.example.org/y")).isTrue();
    assertThat(settings.throttle().burst()).isEqualTo(4);
    assertThat(settings.throttle().cooldown()).isEqualTo(Duration.ofSeconds(9));
    assertThat(settings.jwt()).isEmpty();
  }
}
