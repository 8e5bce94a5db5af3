package io.goproxymirror.mirror.auth.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@DisplayName("the users file kept in step")
class UsersSourceTest {
  @TempDir Path tmp;
  private Vertx vertx;
  private SimpleMeterRegistry registry;
  private ListAppender<ILoggingEvent> logs;
  private Logger logger;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    registry = new SimpleMeterRegistry();
    logs = new ListAppender<>();
    logs.start();
    logger = (Logger) LoggerFactory.getLogger(UsersSource.class);
    logger.addAppender(logs);
  }

  @AfterEach
  void stop() throws Exception {
    logger.detachAppender(logs);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("reloads a changed file, keeps the last good users while it is broken and reports each broken version once")
  void reload() throws Exception {
    Path file = tmp.resolve("users.yaml");
    Files.writeString(file, UsersFileTest.valid());
    UsersSource source = new UsersSource(vertx, file, Duration.ofHours(1), registry);
    source.start().blockingAwait(10, TimeUnit.SECONDS);
    assertThat(source.current().size()).isEqualTo(2);
    assertThat(registry.get("goproxy_mirror_auth_users").gauge().value()).isEqualTo(2.0);

    Files.writeString(file, UsersFileTest.valid().replace("groups: [ci]", "grups: [ci]"));
    source.check().blockingAwait(10, TimeUnit.SECONDS);
    source.check().blockingAwait(10, TimeUnit.SECONDS);
    assertThat(source.current().size()).isEqualTo(2);
    assertThat(warnings()).hasSize(1);
    assertThat(warnings().get(0)).contains("event=auth_users_reload_failed").contains("kept_users=2")
        .contains("did you mean \"groups\"");
    assertThat(registry.get("goproxy_mirror_auth_users_reload_errors").counter().count()).isEqualTo(1.0);

    Files.delete(file);
    source.check().blockingAwait(10, TimeUnit.SECONDS);
    source.check().blockingAwait(10, TimeUnit.SECONDS);
    assertThat(warnings()).hasSize(2);
    assertThat(warnings().get(1)).contains("file not found");
    assertThat(source.current().checkBasic("ci-bot", UsersFileTest.CI_TOKEN)).isPresent();

    Files.writeString(file, "users:\n  - name: solo\n    token-sha256: \"" + UsersFileTest.hash("solo-token")
        + "\"\n    groups: []\n");
    source.check().blockingAwait(10, TimeUnit.SECONDS);
    assertThat(source.current().size()).isEqualTo(1);
    assertThat(source.current().checkBasic("ci-bot", UsersFileTest.CI_TOKEN)).isEmpty();
    assertThat(source.current().checkBearer("solo-token")).isPresent();
    source.stop();
  }

  @Test
  @DisplayName("checks the file on its timer")
  void timer() throws Exception {
    Path file = tmp.resolve("users.yaml");
    Files.writeString(file, "users: []\n");
    UsersSource source = new UsersSource(vertx, file, Duration.ofMillis(50), registry);
    source.start().blockingAwait(10, TimeUnit.SECONDS);
    assertThat(source.current().size()).isZero();
    Files.writeString(file, UsersFileTest.valid());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (source.current().size() != 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(source.current().size()).isEqualTo(2);
    source.stop();
  }

  @Test
  @DisplayName("fails to start on a missing or invalid file, naming it")
  void startFails() throws Exception {
    Path missing = tmp.resolve("absent.yaml");
    assertThatThrownBy(() -> new UsersSource(vertx, missing, Duration.ofSeconds(1), registry).start().blockingAwait())
        .isInstanceOf(UsersFileException.class).hasMessageContaining(missing.toString()).hasMessageContaining("not found");
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(bad, "users: 3\n");
    assertThatThrownBy(() -> new UsersSource(vertx, bad, Duration.ofSeconds(1), new SimpleMeterRegistry())
        .start().blockingAwait()).hasMessageContaining("expected a list");
  }

  private List<String> warnings() {
    return logs.list.stream().filter(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage).toList();
  }
}
