package io.goproxymirror.sync.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.goproxymirror.config.sync.WatchList;
import io.goproxymirror.config.value.ConfigException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.rxjava3.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@DisplayName("WatchListSource")
class WatchListSourceTest {

  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final String COBRA = "modules:\n  - {path: github.com/spf13/cobra, versions: \">= v1.7.0\"}\n";
  private static final String TWO =
      "modules:\n"
          + "  - {path: github.com/spf13/cobra, versions: \">= v1.7.0\"}\n"
          + "  - {path: github.com/acme/*, versions: latest 5}\n";
  private static final String BROKEN =
      "# private-note-not-for-logs\nmodules:\n  - {path: github.com/acme/*, versions: newest}\n";

  @TempDir Path dir;
  private Path file;
  private Vertx vertx;
  private SimpleMeterRegistry registry;
  private WatchListSource source;
  private final BlockingQueue<WatchList> changes = new LinkedBlockingQueue<>();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(WatchListSource.class);

  @BeforeEach
  void setUp() {
    file = dir.resolve("watchlist.yaml");
    vertx = Vertx.vertx();
    registry = new SimpleMeterRegistry();
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void tearDown() {
    if (source != null) {
      source.stop();
    }
    logger.detachAppender(log);
    vertx.close().blockingAwait();
  }

  private WatchListSource source(Duration checkInterval) {
    source = new WatchListSource(vertx, file, checkInterval, registry, Clock.fixed(NOW, ZoneOffset.UTC));
    source.onChange(changes::add);
    return source;
  }

  /** A whole new version of the file at once, as editors that save by rename write it. */
  private void write(String yaml) throws IOException {
    Path tmp = Files.writeString(dir.resolve("next.tmp"), yaml);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** A source started on {@code yaml} that only checks when told to. */
  private WatchListSource started(String yaml) throws IOException {
    write(yaml);
    WatchListSource s = source(Duration.ofHours(1));
    s.start().blockingAwait();
    return s;
  }

  private double reloadErrors() {
    return registry.get("goproxy_mirror_sync_watchlist_reload_errors").counter().count();
  }

  private double entriesGauge() {
    return registry.get("goproxy_mirror_sync_watchlist_entries").gauge().value();
  }

  private List<ILoggingEvent> warnings() {
    return log.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
  }

  @Test
  @DisplayName("loads the file at start and reports it")
  void loadsAtStart() throws IOException {
    WatchListSource s = started(TWO);

    assertThat(s.current().size()).isEqualTo(2);
    assertThat(s.current().entryFor("github.com/acme/tools")).isPresent();
    assertThat(entriesGauge()).isEqualTo(2.0);
    assertThat(reloadErrors()).isZero();
    assertThat(s.status().toJson())
        .isEqualTo(
            new JsonObject()
                .put("path", file.toString())
                .put("entries", 2)
                .put("lastLoaded", "2026-11-21T10:00:00Z")
                .putNull("lastError")
                .putNull("lastErrorAt"));
    assertThat(changes).as("the first load is not a change").isEmpty();
  }

  @Test
  @DisplayName("fails to start on a missing file, naming it")
  void missingAtStart() {
    assertThatThrownBy(() -> source(Duration.ofHours(1)).start().blockingAwait())
        .isInstanceOf(ConfigException.class)
        .hasMessage("config error: sync.watchlist (" + file + "): file not found");
  }

  @Test
  @DisplayName("fails to start on an invalid file, naming the entry and key")
  void invalidAtStart() throws IOException {
    write(BROKEN);
    assertThatThrownBy(() -> source(Duration.ofHours(1)).start().blockingAwait())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "config error: sync.watchlist (" + file + "): modules[0].versions: unknown version policy \"newest\"");
  }

  @Test
  @DisplayName("an edit takes effect without a restart, and listeners get the new list")
  void editTakesEffect() throws IOException {
    WatchListSource s = started(COBRA);

    write(TWO);
    s.check().blockingAwait();

    assertThat(s.current().size()).isEqualTo(2);
    assertThat(entriesGauge()).isEqualTo(2.0);
    assertThat(changes).containsExactly(s.current());
    assertThat(s.current()).isEqualTo(WatchList.parse(TWO.getBytes(), file));
  }

  @Test
  @DisplayName("an edit that changes only comments loads without telling listeners")
  void commentOnlyEdit() throws IOException {
    WatchListSource s = started(COBRA);

    write("# the cobra releases we use\n" + COBRA);
    s.check().blockingAwait();

    assertThat(s.current().size()).isEqualTo(1);
    assertThat(changes).isEmpty();
  }

  @Test
  @DisplayName("a broken edit keeps the old list and is reported once; fixing it recovers")
  void brokenEditKeepsOldList() throws IOException {
    WatchListSource s = started(COBRA);
    WatchList good = s.current();

    write(BROKEN);
    s.check().blockingAwait();
    s.check().blockingAwait();

    assertThat(s.current()).isSameAs(good);
    assertThat(entriesGauge()).isEqualTo(1.0);
    assertThat(reloadErrors()).as("reported once per bad version").isEqualTo(1.0);
    assertThat(changes).isEmpty();
    assertThat(s.status().entries()).isEqualTo(1);
    assertThat(s.status().lastError())
        .hasValueSatisfying(m -> assertThat(m).contains("modules[0].versions: unknown version policy \"newest\""));
    assertThat(s.status().lastErrorAt()).contains(NOW);
    assertThat(warnings()).hasSize(1);
    String line = warnings().get(0).getFormattedMessage();
    assertThat(line)
        .startsWith("event=watchlist_reload_failed path=" + file + " kept_entries=1 error=")
        .contains("modules[0].versions")
        .doesNotContain("private-note-not-for-logs")
        .doesNotContain("\n");

    write(TWO);
    s.check().blockingAwait();

    assertThat(s.current().size()).isEqualTo(2);
    assertThat(s.status().lastError()).isEmpty();
    assertThat(s.status().lastErrorAt()).isEmpty();
    assertThat(changes).containsExactly(s.current());
    assertThat(reloadErrors()).isEqualTo(1.0);
  }

  @Test
  @DisplayName("a deleted file keeps the last good list and is reported; restoring it recovers")
  void deletedFileKeepsList() throws IOException {
    WatchListSource s = started(TWO);

    Files.delete(file);
    s.check().blockingAwait();
    s.check().blockingAwait();

    assertThat(s.current().size()).isEqualTo(2);
    assertThat(reloadErrors()).isEqualTo(1.0);
    assertThat(s.status().lastError()).contains("config error: sync.watchlist (" + file + "): file not found");
    assertThat(warnings()).singleElement().satisfies(e -> assertThat(e.getFormattedMessage()).contains("file not found"));

    write(TWO);
    s.check().blockingAwait();

    assertThat(s.current().size()).isEqualTo(2);
    assertThat(s.status().lastError()).isEmpty();
    assertThat(changes).as("the same list came back").isEmpty();
    assertThat(reloadErrors()).isEqualTo(1.0);
  }

  @Test
  @Timeout(60)
  @DisplayName("checks the file by itself every check interval")
  void checksPeriodically() throws Exception {
    write(COBRA);
    WatchListSource s = source(Duration.ofMillis(50));
    s.start().blockingAwait();
    long started = System.nanoTime();

    write(TWO);
    WatchList changed = changes.take();

    System.out.printf("edit picked up after %d ms%n", (System.nanoTime() - started) / 1_000_000);
    assertThat(changed.size()).isEqualTo(2);
    assertThat(s.current()).isSameAs(changed);
  }
}
