package io.goproxymirror.mirror.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@DisplayName("the access log")
class AccessLogTest {
  @Test
  @DisplayName("writes one line per restricted download with principal, module, version, artifact and status")
  void line() {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger logger = (Logger) LoggerFactory.getLogger(AccessLog.class);
    logs.start();
    logger.addAppender(logs);
    try {
      AccessDecision ci = AccessDecision.allow(Optional.of(new Principal("ci-bot", Set.of("ci"), Principal.Kind.USER)));
      new AccessLog().download(ci, "git.corp.example.com/app", "v1.2.0", "zip", 200);
      new AccessLog().download(AccessDecision.allow(Optional.empty()), "example.org/x", "-", "list", 404);
    } finally {
      logger.detachAppender(logs);
    }
    assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
        "event=restricted_download principal=ci-bot kind=user module=git.corp.example.com/app version=v1.2.0"
            + " artifact=zip status=200",
        "event=restricted_download principal=- kind=anonymous module=example.org/x version=- artifact=list status=404");
  }

  @Test
  @DisplayName("the gate tells which resources are restricted")
  void restricted() {
    AccessGateTest gates = new AccessGateTest();
    AccessGate open = gates.gate(Anonymous.PUBLIC);
    assertThat(open.restricted(Resource.module("git.corp.example.com/app"))).isTrue();
    assertThat(open.restricted(Resource.module("github.com/x/y"))).isFalse();
    assertThat(open.restricted(Resource.admin())).isTrue();
    assertThat(gates.gate(Anonymous.NONE).restricted(Resource.module("github.com/x/y"))).isTrue();
  }
}
