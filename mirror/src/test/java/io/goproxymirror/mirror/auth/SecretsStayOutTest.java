package io.goproxymirror.mirror.auth;

import static io.goproxymirror.mirror.auth.AuthorizationHeaderTest.basic;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.jwk.RSAKey;
import io.goproxymirror.gomod.PathPatterns;
import io.goproxymirror.mirror.auth.jwt.JwksServer;
import io.goproxymirror.mirror.auth.jwt.JwtSettings;
import io.goproxymirror.mirror.auth.jwt.Tokens;
import io.goproxymirror.mirror.auth.users.NewToken;
import io.goproxymirror.mirror.auth.users.UsersFile;
import io.goproxymirror.mirror.auth.users.UsersFileException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@DisplayName("no token or JWT reaches a log line, an exception message, a client line or a metric")
class SecretsStayOutTest {
  @TempDir Path tmp;

  @Test
  @DisplayName("feeding the blocks good, wrong and malformed tokens, JWTs and broken users files leaves no secret behind")
  void noSecretAnywhere() throws Exception {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger auth = context.getLogger("io.goproxymirror.mirror.auth");
    Level saved = auth.getLevel();
    auth.setLevel(Level.DEBUG);
    logs.start();
    root.addAppender(logs);
    Vertx vertx = Vertx.vertx();
    List<String> secrets = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RSAKey rsa = Tokens.rsa("rsa-1");
    try (JwksServer jwks = JwksServer.start(vertx, rsa)) {
      NewToken dev = NewToken.generate("dev", List.of("developers"), new SecureRandom());
      secrets.add(dev.token());
      Path file = tmp.resolve("users.yaml");
      Files.writeString(file, "users:\n" + dev.usersFileEntry());
      AuthSettings settings = new AuthSettings(Optional.of(file), Duration.ofMillis(20),
          new AccessSettings(Anonymous.NONE, AccessPolicyTest.RULES, PathPatterns.none(),
              PathPatterns.none()),
          Optional.of(JwtSettings.of(Tokens.ISSUER, jwks.url(), Tokens.AUDIENCE, "repository_owner")),
          new FailureThrottle.Settings(2, Duration.ofSeconds(60), 100), CredentialCache.Settings.DEFAULT);
      AccessControl control = AccessControl.start(vertx, settings, registry).blockingGet();

      Instant now = Instant.now();
      String goodJwt = Tokens.sign(rsa, "rsa-1", Tokens.claims(now).build());
      String expiredJwt = Tokens.sign(rsa, "rsa-1",
          Tokens.claims(now).expirationTime(Date.from(now.minusSeconds(3600))).build());
      String forgedJwt = Tokens.sign(Tokens.rsa("rsa-1"), "rsa-1", Tokens.claims(now).build());
      String unknownKidJwt = Tokens.sign(Tokens.rsa("rsa-x"), "rsa-x", Tokens.claims(now).build());
      String wrongToken = "wrong-" + dev.token().substring(6);
      secrets.addAll(List.of(goodJwt, expiredJwt, forgedJwt, unknownKidJwt, wrongToken));
      List<String> headers = List.of(basic("dev", dev.token()), "Bearer " + dev.token(), basic("dev", wrongToken),
          basic(dev.token(), dev.token()), "Bearer " + wrongToken, "Bearer " + goodJwt, "Bearer " + expiredJwt,
          "Bearer " + forgedJwt, "Bearer " + unknownKidJwt, "Bearer " + dev.token() + " trailing",
          "Basic " + dev.token(), "Token " + dev.token());
      for (int i = 0; i < headers.size(); i++) {
        for (String client : List.of("10.0.1." + i, "10.0.2.1")) {
          for (Resource resource : List.of(Resource.module("git.corp.example.com/x"), Resource.admin())) {
            String header = headers.get(i);
            AccessDecision decision = control.gate().decide(new AccessRequest(client, header, resource)).blockingGet();
            texts.add(decision.toString());
            texts.add(new AccessRequest(client, header, resource).toString());
          }
        }
      }

      // A token pasted where its hash belongs, then a broken file: both reported, neither quoted.
      Files.writeString(file, "users:\n" + dev.usersFileEntry().replace(dev.tokenSha256(), dev.token()));
      Thread.sleep(300);
      Files.writeString(file, "users:\n  - name: \"" + dev.token() + "\n");
      Thread.sleep(300);
      try {
        UsersFile.parse(("users:\n" + dev.usersFileEntry().replace(dev.tokenSha256(), dev.token()))
            .getBytes(StandardCharsets.UTF_8), "users.yaml");
      } catch (UsersFileException e) {
        texts.add(e.getMessage());
      }
      control.stop().blockingAwait(10, TimeUnit.SECONDS);
    } finally {
      root.detachAppender(logs);
      auth.setLevel(saved);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    texts.add(registry.scrape());
    for (ILoggingEvent event : logs.list) {
      texts.add(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        texts.add(t.getMessage());
      }
    }
    assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(line -> line.contains("event=auth_users_reload_failed"))
        .anyMatch(line -> line.contains("event=auth_failed"))
        .anyMatch(line -> line.contains("event=auth_throttled"))
        .anyMatch(line -> line.contains("event=jwks_loaded"))
        .anyMatch(line -> line.contains("reason=jwt_expired"))
        .anyMatch(line -> line.contains("reason=jwt_signature"))
        .anyMatch(line -> line.contains("reason=jwt_unknown_kid"))
        .anyMatch(line -> line.contains("reason=malformed"))
        .anyMatch(line -> line.contains("reason=unsupported_scheme"));
    for (String text : texts) {
      for (String secret : secrets) {
        assertThat(text).doesNotContain(secret);
        assertThat(text).doesNotContain(secret.substring(secret.length() - 20));
      }
    }
  }
}
