package io.goproxymirror.mirror;

import static io.goproxymirror.mirror.testkit.GitRepoBuilder.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.jwk.ECKey;
import io.goproxymirror.mirror.auth.AccessLog;
import io.goproxymirror.mirror.auth.jwt.JwksServer;
import io.goproxymirror.mirror.auth.jwt.Tokens;
import io.goproxymirror.mirror.auth.users.TokenHash;
import io.goproxymirror.mirror.testkit.GitHttpServer;
import io.goproxymirror.mirror.testkit.GitRepoBuilder;
import io.goproxymirror.mirror.testkit.Reply;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Access control wired end to end: a mirror started in-process with a users file and a rule for
 * the team's Git-built modules, asked over real HTTP on loopback.
 */
@DisplayName("access control, wired: who may read what over HTTP")
class AccessWiringTest {
  static final String M = "corp.example.com/team/lib";
  static final String ABSENT = "corp.example.com/team/absent";
  static final String GO_MOD = "module corp.example.com/team/lib\n\ngo 1.19\n";
  static final String DEV_TOKEN = "devtoken0123456789abcdefghijklmnopqrstuvwxyz";
  static final String CI_TOKEN = "citoken0123456789abcdefghijklmnopqrstuvwxyzAB";
  static final String ADMIN_TOKEN = "admintoken0123456789abcdefghijklmnopqrstuvwx";
  static final String ADMIN_API_TOKEN = "admin-api-token-0123456789";
  private static final String GIT_TOKEN = "corp-token-Zx81";
  private static final Instant T1 = Instant.parse("2024-05-06T07:08:09Z");

  @TempDir Path tmp;
  private Vertx vertx;
  private ScriptedUpstream proxy;
  private GitRepoBuilder repo;
  private GitHttpServer git;
  private MirrorHarness mirror;
  private Path users;

  static String usersYaml(String... entries) {
    StringBuilder out = new StringBuilder("users:\n");
    for (int i = 0; i + 2 < entries.length + 1; i += 3) {
      out.append("  - name: ").append(entries[i]).append('\n')
          .append("    token-sha256: \"").append(TokenHash.hex(TokenHash.of(entries[i + 1]))).append("\"\n")
          .append("    groups: [").append(entries[i + 2]).append("]\n");
    }
    return out.toString();
  }

  static String basic(String user, String token) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
  }

  @BeforeEach
  void setUp() throws IOException {
    vertx = Vertx.vertx();
    proxy = ScriptedUpstream.start(vertx);
    proxy.on("/example.com/pub/@v/list", Reply.ok("v1.0.0\n"));
    repo = GitRepoBuilder.createBare(tmp.resolve("git/corp/team/lib"));
    repo.commit(T1, files("go.mod", GO_MOD, "lib.go", "package lib\n")).tag("v1.0.0");
    git = GitHttpServer.start(tmp.resolve("git"), "mirror", GIT_TOKEN);
    users = Files.writeString(tmp.resolve("users.yaml"), usersYaml(
        "dev", DEV_TOKEN, "developers", "ci-bot", CI_TOKEN, "ci", "admin", ADMIN_TOKEN, "admin"));
  }

  private MirrorHarness start(Role role, String authYaml) {
    String yaml = git.corpModulesYaml() + """
        sync:
          index:
            enabled: false
        admin:
          token: "%s"
        auth:
          users-file: "%s"
          users-file-check: 100ms
          rules:
            - pattern: "corp.example.com/*"
              groups: [developers]
        %s""".formatted(ADMIN_API_TOKEN, users, authYaml.indent(2));
    mirror = MirrorHarness.startRole(role, tmp.resolve("data"), yaml, proxy.baseUrl(), "CORP_GIT_TOKEN", GIT_TOKEN);
    return mirror;
  }

  @AfterEach
  void tearDown() {
    if (mirror != null) {
      mirror.close();
    }
    git.close();
    repo.close();
    proxy.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private HttpResponse<byte[]> get(String path, String authorization) {
    return mirror.send("GET", path, authorization == null ? Map.of() : Map.of("Authorization", authorization));
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("anonymous: public modules 200; restricted 401 with a challenge and one line; /healthz open")
  void anonymousClients() {
    start(Role.MIRROR, "");
    assertThat(get("/example.com/pub/@v/list", null).statusCode()).isEqualTo(200);
    for (String path : new String[] {"/" + M + "/@v/list", "/" + M + "/@v/v1.0.0.zip", "/" + ABSENT + "/@latest",
        "/sumdb/sum.golang.org/lookup/" + M + "@v1.0.0"}) {
      HttpResponse<byte[]> refused = get(path, null);
      assertThat(refused.statusCode()).as(path).isEqualTo(401);
      assertThat(refused.headers().allValues("WWW-Authenticate")).as(path)
          .containsExactly("Basic realm=\"goproxy-mirror\"");
      assertThat(refused.headers().firstValue("Cache-Control")).contains("no-store");
      assertThat(text(refused)).as(path).startsWith("authentication required: ").endsWith("\n")
          .hasLineCount(1);
    }
    assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
    assertThat(get("/readyz", null).statusCode()).isEqualTo(200);
    assertThat(get("/metrics", null).statusCode()).isEqualTo(200);
    assertThat(git.requests()).isEmpty();
  }

  @Test
  @DisplayName("a principal without the group: 403, the same for a present and an absent module")
  void wrongGroup() {
    start(Role.MIRROR, "");
    HttpResponse<byte[]> present = get("/" + M + "/@v/v1.0.0.info", basic("ci-bot", CI_TOKEN));
    HttpResponse<byte[]> absent = get("/" + ABSENT + "/@v/v1.0.0.info", basic("ci-bot", CI_TOKEN));
    assertThat(present.statusCode()).isEqualTo(403);
    assertThat(absent.statusCode()).isEqualTo(403);
    assertThat(text(present)).isEqualTo(text(absent)).isEqualTo("forbidden: not in a group that may read this module\n");
    assertThat(present.headers().map().keySet()).isEqualTo(absent.headers().map().keySet());
    assertThat(git.requests()).isEmpty();
  }

  @Test
  @DisplayName("the right user reads the module with Basic and with Bearer; each download is access-logged")
  void rightUser() {
    start(Role.MIRROR, "");
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger logger = (Logger) LoggerFactory.getLogger(AccessLog.class);
    logs.start();
    logger.addAppender(logs);
    try {
      HttpResponse<byte[]> basic = get("/" + M + "/@v/v1.0.0.mod", basic("dev", DEV_TOKEN));
      assertThat(basic.statusCode()).isEqualTo(200);
      assertThat(text(basic)).isEqualTo(GO_MOD);
      HttpResponse<byte[]> bearer = get("/" + M + "/@v/list", "Bearer " + DEV_TOKEN);
      assertThat(bearer.statusCode()).isEqualTo(200);
      assertThat(text(bearer)).isEqualTo("v1.0.0\n");
      assertThat(get("/" + M + "/@v/v1.0.0.mod", basic("dev", "wrong" + DEV_TOKEN)).statusCode()).isEqualTo(401);
      // the public module with credentials is served as well
      assertThat(get("/example.com/pub/@v/list", basic("dev", DEV_TOKEN)).statusCode()).isEqualTo(200);
    } finally {
      logger.detachAppender(logs);
    }
    assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).contains(
        "event=restricted_download principal=dev kind=user module=" + M + " version=v1.0.0 artifact=mod status=200",
        "event=restricted_download principal=dev kind=user module=" + M + " version=- artifact=list status=200",
        "event=restricted_download principal=- kind=anonymous module=" + M + " version=v1.0.0 artifact=mod status=401");
    assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(line -> line.contains(DEV_TOKEN));
    String metrics = text(get("/metrics", null));
    assertThat(metrics).contains("goproxy_mirror_auth_requests_total{result=\"allowed\"} 2.0")
        .contains("goproxy_mirror_auth_failures_total{reason=\"wrong_token\"} 1.0");
  }

  @Test
  @DisplayName("the users file is reloaded: a token added later works without a restart")
  void usersFileReload() throws Exception {
    start(Role.MIRROR, "");
    String newToken = "newtoken0123456789abcdefghijklmnopqrstuvwxyz";
    assertThat(get("/" + M + "/@v/list", basic("newbie", newToken)).statusCode()).isEqualTo(401);
    Files.writeString(users, usersYaml("dev", DEV_TOKEN, "developers", "newbie", newToken, "developers"));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    int status = 0;
    while (System.nanoTime() < deadline && (status = get("/" + M + "/@v/list", basic("newbie", newToken))
        .statusCode()) != 200) {
      Thread.sleep(100);
    }
    assertThat(status).isEqualTo(200);
  }

  @Test
  @DisplayName("repeated failures from one address are throttled: 429 with Retry-After, counted")
  void throttle() {
    start(Role.MIRROR, "failure-burst: 3\nfailure-cooldown: 30s\n");
    for (int i = 0; i < 3; i++) {
      assertThat(get("/" + M + "/@v/list", basic("dev", "guess" + i)).statusCode()).isEqualTo(401);
    }
    HttpResponse<byte[]> throttled = get("/" + M + "/@v/list", basic("dev", "guess-again"));
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(
        v -> assertThat(Integer.parseInt(v)).isBetween(1, 30));
    assertThat(text(throttled)).endsWith("\n").hasLineCount(1);
    assertThat(text(get("/metrics", null))).contains("goproxy_mirror_auth_requests_total{result=\"throttled\"} 1.0");
  }

  @Test
  @DisplayName("anonymous none: public modules and /metrics need credentials, /healthz and /readyz stay open")
  void anonymousNone() {
    start(Role.MIRROR, "anonymous: none\n");
    assertThat(get("/example.com/pub/@v/list", null).statusCode()).isEqualTo(401);
    assertThat(get("/example.com/pub/@v/list", basic("ci-bot", CI_TOKEN)).statusCode()).isEqualTo(200);
    assertThat(get("/metrics", null).statusCode()).isEqualTo(401);
    assertThat(get("/metrics", basic("ci-bot", CI_TOKEN)).statusCode()).isEqualTo(200);
    assertThat(get("/status/upstreams", null).statusCode()).isEqualTo(401);
    assertThat(get("/sumdb/sum.golang.org/supported", null).statusCode()).isEqualTo(401);
    assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
    assertThat(get("/readyz", null).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("/admin: a principal in group admin, or admin.token; others 403, anonymous 401")
  void admin() {
    start(Role.ALL, "");
    assertThat(get("/admin/sync", basic("admin", ADMIN_TOKEN)).statusCode()).isEqualTo(200);
    assertThat(get("/admin/sync", "Bearer " + ADMIN_TOKEN).statusCode()).isEqualTo(200);
    assertThat(get("/admin/sync", "Bearer " + ADMIN_API_TOKEN).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> forbidden = get("/admin/sync", basic("dev", DEV_TOKEN));
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(text(forbidden)).isEqualTo("forbidden: the admin API needs a principal in group admin\n");
    assertThat(get("/admin/sync", null).statusCode()).isEqualTo(401);
    HttpResponse<byte[]> warm = mirror.send("POST", "/admin/warm", Map.of("Authorization", basic("admin", ADMIN_TOKEN)),
        "module example.com/project\n\ngo 1.19\n".getBytes(StandardCharsets.UTF_8));
    // past the access check, the body reached the warm API, which reads it
    assertThat(warm.statusCode()).as(text(warm)).isEqualTo(400);
    assertThat(text(warm)).contains("lists no module versions");
  }

  @Test
  @DisplayName("JWT: a token signed by a key of the JWKS is accepted as Bearer; a wrong audience is 401 with both challenges")
  void jwt() throws Exception {
    ECKey key = Tokens.ec("k1");
    try (JwksServer jwks = JwksServer.start(vertx, key)) {
      start(Role.MIRROR, """
          jwt:
            issuer: "%s"
            jwks-url: "%s"
            audience: "%s"
            groups-claim: repository_owner
          """.formatted(Tokens.ISSUER, jwks.url(), Tokens.AUDIENCE));
      Instant now = Instant.now();
      String good = Tokens.sign(key, "k1", Tokens.claims(now).claim("repository_owner", "developers").build());
      HttpResponse<byte[]> allowed = get("/" + M + "/@v/list", "Bearer " + good);
      assertThat(allowed.statusCode()).as(text(allowed)).isEqualTo(200);
      assertThat(text(allowed)).isEqualTo("v1.0.0\n");
      String otherAudience = Tokens.sign(key, "k1",
          Tokens.claims(now).audience("someone-else").claim("repository_owner", "developers").build());
      HttpResponse<byte[]> refused = get("/" + M + "/@v/list", "Bearer " + otherAudience);
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().allValues("WWW-Authenticate"))
          .containsExactly("Basic realm=\"goproxy-mirror\"", "Bearer realm=\"goproxy-mirror\"");
      assertThat(text(refused)).isEqualTo("invalid credentials: JWT refused: wrong audience\n");
      String outsider = Tokens.sign(key, "k1", Tokens.claims(now).build());
      assertThat(get("/" + M + "/@v/list", "Bearer " + outsider).statusCode()).isEqualTo(403);
    }
  }

  @Test
  @DisplayName("a broken users file stops the start with its one-line reason")
  void brokenUsersFile() throws IOException {
    Files.writeString(users, "users:\n  - name: dev\n    token-sha256: \"abc\"\n    groups: [developers]\n");
    assertThatThrownBy(() -> start(Role.MIRROR, ""))
        .hasMessageContaining("users file")
        .hasMessageContaining("token-sha256");
  }
}
