package io.goproxymirror.mirror.auth;

import static io.goproxymirror.mirror.auth.AuthorizationHeaderTest.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.goproxymirror.mirror.auth.jwt.JwksServer;
import io.goproxymirror.mirror.auth.jwt.JwtSettings;
import io.goproxymirror.mirror.auth.jwt.Tokens;
import io.goproxymirror.mirror.auth.users.NewToken;
import io.goproxymirror.mirror.auth.users.UsersFileException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("access control assembled from settings, with a real users file and a loopback JWKS")
class AccessControlTest {
  @TempDir Path tmp;
  private Vertx vertx;
  private JwksServer jwks;
  private RSAKey rsa;
  private ECKey ec;
  private AccessControl control;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    rsa = Tokens.rsa("rsa-1");
    ec = Tokens.ec("ec-1");
    jwks = JwksServer.start(vertx, rsa, ec);
  }

  @AfterEach
  void stop() throws Exception {
    if (control != null) {
      control.stop().blockingAwait(10, TimeUnit.SECONDS);
    }
    jwks.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private AuthSettings settings(Path usersFile, Anonymous anonymous) {
    AccessSettings access = AccessPolicyTest.settings(anonymous);
    List<AccessRule> rules = List.of(AccessRule.of("git.corp.example.com/*", List.of("developers", "corp")));
    return new AuthSettings(Optional.of(usersFile), Duration.ofMillis(50),
        new AccessSettings(access.anonymous(), rules, access.privateModules(), access.noproxyModules()),
        Optional.of(JwtSettings.of(Tokens.ISSUER, jwks.url(), Tokens.AUDIENCE, "repository_owner")),
        FailureThrottle.Settings.DEFAULT, CredentialCache.Settings.DEFAULT);
  }

  private AccessDecision decide(String header, String module) {
    return control.gate().decide(new AccessRequest("127.0.0.1", header, Resource.module(module))).blockingGet();
  }

  @Test
  @DisplayName("admits Basic, Bearer user tokens and JWTs by group, follows the users file, offers Basic and Bearer")
  void endToEnd() throws Exception {
    NewToken dev = NewToken.generate("dev", List.of("developers"), new SecureRandom());
    NewToken ops = NewToken.generate("ops", List.of("ops"), new SecureRandom());
    Path file = tmp.resolve("users.yaml");
    Files.writeString(file, "users:\n" + dev.usersFileEntry() + ops.usersFileEntry());
    control = AccessControl.start(vertx, settings(file, Anonymous.PUBLIC), new SimpleMeterRegistry())
        .blockingGet();

    assertThat(decide(basic("dev", dev.token()), "git.corp.example.com/app").allowed()).isTrue();
    assertThat(decide("Bearer " + dev.token(), "git.corp.example.com/app").allowed()).isTrue();
    assertThat(decide(basic("ops", ops.token()), "git.corp.example.com/app").status()).isEqualTo(403);
    AccessDecision anonymous = decide(null, "git.corp.example.com/app");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.challenges())
        .containsExactly("Basic realm=\"goproxy-mirror\"", "Bearer realm=\"goproxy-mirror\"");
    assertThat(decide(null, "github.com/public/lib").allowed()).isTrue();

    Instant now = Instant.now();
    String ci = Tokens.sign(ec, "ec-1", Tokens.claims(now).build());
    AccessRequest jwtRequest = new AccessRequest("127.0.0.1", "Bearer " + ci, Resource.module("git.corp.example.com/app"));
    assertThat(control.gate().decideNow(jwtRequest)).as("a new JWT is verified asynchronously").isEmpty();
    AccessDecision fromJwt = decide("Bearer " + ci, "git.corp.example.com/app");
    assertThat(fromJwt.allowed()).isTrue();
    assertThat(control.gate().decideNow(jwtRequest)).as("a verified JWT is then decided at once")
        .hasValueSatisfying(d -> assertThat(d.allowed()).isTrue());
    assertThat(fromJwt.principal().orElseThrow().kind()).isEqualTo(Principal.Kind.JWT);
    String otherOwner = Tokens.sign(rsa, "rsa-1", Tokens.claims(now).claim("repository_owner", "someone").build());
    assertThat(decide("Bearer " + otherOwner, "git.corp.example.com/app").status()).isEqualTo(403);
    String expired = Tokens.sign(rsa, "rsa-1",
        Tokens.claims(now).expirationTime(Date.from(now.minusSeconds(600))).build());
    assertThat(decide("Bearer " + expired, "git.corp.example.com/app").failure()).contains(FailureReason.JWT_EXPIRED);

    Files.writeString(file, "users:\n" + ops.usersFileEntry());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (decide(basic("dev", dev.token()), "git.corp.example.com/app").allowed() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(decide(basic("dev", dev.token()), "git.corp.example.com/app").failure())
        .contains(FailureReason.UNKNOWN_USER);
  }

  @Test
  @DisplayName("does not start with a broken users file")
  void brokenAtStart() throws Exception {
    Path file = tmp.resolve("users.yaml");
    Files.writeString(file, "users:\n  - name: x\n");
    AuthSettings settings = AuthSettings.of(Optional.of(file), AccessPolicyTest.settings(Anonymous.NONE), Optional.empty());
    assertThatThrownBy(() -> AccessControl.start(vertx, settings, new SimpleMeterRegistry()).blockingGet())
        .isInstanceOf(UsersFileException.class).hasMessageContaining("users[0]");
  }
}
