package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.goproxymirror.mirror.testkit.Reply;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@DisplayName("a zip whose download breaks off while it streams to a client is cut off cleanly")
class ZipStreamAbortTest {
  private static final String M = "example.com/abort";

  @Test
  @DisplayName("the client's transfer is cut, and the staging file is closed once (no 'File handle is closed' error)")
  void abortsOnce(@TempDir Path tmp) throws Exception {
    byte[] payload = new byte[256 * 1024];
    new Random(7).nextBytes(payload);
    byte[] zip = ModuleFixture.zip(Map.of(M + "@v1.0.0/go.mod", ("module " + M + "\n").getBytes(StandardCharsets.UTF_8),
        M + "@v1.0.0/payload.bin", payload));
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    Vertx vertx = Vertx.vertx();
    ScriptedUpstream upstream = ScriptedUpstream.start(vertx);
    try (MirrorHarness mirror = MirrorHarness.start(tmp.resolve("data"), upstream.baseUrl())) {
      // Headers at once, then the body slowly: the client has its headers and some bytes when the
      // upstream resets the connection.
      upstream.on("/" + M + "/@v/v1.0.0.zip",
          Reply.ok(zip, "application/zip").drip(16 * 1024, Duration.ofMillis(100)).resetAfter(zip.length / 2));
      Throwable failure = null;
      try {
        mirror.get("/" + M + "/@v/v1.0.0.zip");
      } catch (RuntimeException e) {
        failure = e;
      }
      assertThat(failure).as("the transfer is cut off").isNotNull();
      // The mirror is still fine and the next request fetches again.
      upstream.on("/" + M + "/@v/v1.0.0.zip", Reply.ok(zip, "application/zip"));
      assertThat(mirror.get("/" + M + "/@v/v1.0.0.zip").body()).isEqualTo(zip);
    } finally {
      root.detachAppender(appender);
      upstream.close();
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
    assertThat(appender.list).as("logged errors").noneMatch(ZipStreamAbortTest::closedTwice);
  }

  private static boolean closedTwice(ILoggingEvent event) {
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      if (String.valueOf(t.getMessage()).contains("File handle is closed")) {
        return true;
      }
    }
    return event.getFormattedMessage().contains("File handle is closed");
  }
}
