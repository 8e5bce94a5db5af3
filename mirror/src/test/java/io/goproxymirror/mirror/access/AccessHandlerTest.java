package io.goproxymirror.mirror.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.gomod.PathPatterns;
import io.goproxymirror.mirror.auth.AccessControl;
import io.goproxymirror.mirror.auth.AccessRule;
import io.goproxymirror.mirror.auth.AccessSettings;
import io.goproxymirror.mirror.auth.Anonymous;
import io.goproxymirror.mirror.auth.AccessLog;
import io.goproxymirror.mirror.auth.AuthSettings;
import io.goproxymirror.mirror.auth.jwt.JwtSettings;
import io.goproxymirror.mirror.auth.users.TokenHash;
import io.goproxymirror.mirror.http.AdminRoutes;
import io.goproxymirror.mirror.testkit.HandlerResponse;
import io.goproxymirror.mirror.testkit.HandlerTestBase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("AccessHandler: what each path needs, and the answers of refusals")
class AccessHandlerTest extends HandlerTestBase {
  private static final String TOKEN = "tok0123456789abcdefghijklmnopqrstuvwxyzABCD";
  private static final String ADMIN_API_TOKEN = "admin-api-token-0123456789";

  @TempDir Path tmp;
  private AccessControl control;

  @AfterEach
  void stopControl() {
    if (control != null) {
      control.stop().blockingAwait();
    }
  }

  /** The handler in front of one catch-all route that answers "served" (and whether admin was granted). */
  private void serve(Anonymous anonymous, Optional<JwtSettings> jwt) throws Exception {
    Path users = Files.writeString(tmp.resolve("users.yaml"), "users:\n  - name: dev\n    token-sha256: \""
        + TokenHash.hex(TokenHash.of(TOKEN)) + "\"\n    groups: [developers]\n");
    AccessSettings access = new AccessSettings(anonymous,
        List.of(new AccessRule(PathPatterns.parse("corp.example.com/*"), Set.of("developers"))),
        PathPatterns.parse(""), PathPatterns.parse(""));
    control = AccessControl.start(vertx, AuthSettings.of(Optional.of(users), access, jwt), new SimpleMeterRegistry())
        .blockingGet();
    AccessHandler handler = new AccessHandler(control.gate(), new AccessLog(), Optional.of(ADMIN_API_TOKEN));
    serve(router -> {
      handler.mount(router);
      router.route().handler(ctx -> ctx.response().putHeader("Cache-Control", "public, max-age=31536000, immutable")
          .end("served admin=" + ctx.get(AdminRoutes.GRANTED) + "\n"));
    });
  }

  private static String basic(String user, String token) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + token).getBytes());
  }

  @Test
  @DisplayName("sumdb: a lookup of a restricted module is checked; tiles, latest and supported are not")
  void sumdb() throws Exception {
    serve(Anonymous.PUBLIC, Optional.empty());
    assertThat(request(HttpMethod.GET, "/sumdb/sum.golang.org/lookup/corp.example.com/app@v1.0.0").status())
        .isEqualTo(401);
    assertThat(request(HttpMethod.GET, "/sumdb/sum.golang.org/lookup/corp.example.com/app@v1.0.0",
        "Authorization", basic("dev", TOKEN)).status()).isEqualTo(200);
    assertThat(request(HttpMethod.GET, "/sumdb/sum.golang.org/lookup/example.com/pub@v1.0.0").status()).isEqualTo(200);
    for (String open : new String[] {"/sumdb/sum.golang.org/tile/8/0/000", "/sumdb/sum.golang.org/latest",
        "/sumdb/sum.golang.org/supported"}) {
      assertThat(request(HttpMethod.GET, open).status()).as(open).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("answers that needed credentials are cacheable privately only; open ones stay public")
  void privateCaching() throws Exception {
    serve(Anonymous.PUBLIC, Optional.empty());
    HandlerResponse restricted = request(HttpMethod.GET, "/corp.example.com/app/@v/v1.0.0.zip",
        "Authorization", basic("dev", TOKEN));
    assertThat(restricted.status()).isEqualTo(200);
    assertThat(restricted.header("Cache-Control")).isEqualTo("private, max-age=31536000, immutable");
    assertThat(restricted.header("Vary")).isEqualTo("Authorization");
    HandlerResponse open = request(HttpMethod.GET, "/example.com/pub/@v/v1.0.0.zip");
    assertThat(open.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
    assertThat(open.header("Vary")).isNull();
  }

  @Test
  @DisplayName("every protocol endpoint of a restricted module is checked, escaped paths included; HEAD too")
  void protocolEndpoints() throws Exception {
    serve(Anonymous.PUBLIC, Optional.empty());
    for (String path : new String[] {"/corp.example.com/app/@v/list", "/corp.example.com/app/@v/v1.0.0.info",
        "/corp.example.com/app/@v/v1.0.0.mod", "/corp.example.com/app/@v/v1.0.0.zip", "/corp.example.com/app/@latest",
        "/corp.example.com/app/@v/main.info", "/corp.example.com/!app/@v/list"}) {
      assertThat(request(HttpMethod.GET, path).status()).as(path).isEqualTo(401);
      assertThat(request(HttpMethod.HEAD, path).status()).as(path).isEqualTo(401);
    }
    // not a protocol path: follows anonymous (public here), the route answers it
    assertThat(request(HttpMethod.GET, "/corp.example.com/app/@v/../x").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("with JWT on, a 401 carries a Basic and a Bearer challenge, one header each")
  void challenges() throws Exception {
    serve(Anonymous.NONE, Optional.of(JwtSettings.of("https://issuer.example", URI.create("http://127.0.0.1:1/jwks"),
        "goproxy-mirror", "groups")));
    HandlerResponse refused = request(HttpMethod.GET, "/example.com/pub/@v/list");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.headers().getAll("WWW-Authenticate"))
        .containsExactly("Basic realm=\"goproxy-mirror\"", "Bearer realm=\"goproxy-mirror\"");
    assertThat(refused.header("Cache-Control")).isEqualTo("no-store");
    assertThat(refused.text()).hasLineCount(1);
    assertThat(request(HttpMethod.GET, "/healthz").status()).isEqualTo(200);
    assertThat(request(HttpMethod.GET, "/metrics").status()).isEqualTo(401);
  }

  @Test
  @DisplayName("the admin API: admin.token passes on to the admin routes; a user outside group admin is 403")
  void admin() throws Exception {
    serve(Anonymous.PUBLIC, Optional.empty());
    HandlerResponse token = request(HttpMethod.GET, "/admin/sync", "Authorization", "Bearer " + ADMIN_API_TOKEN);
    assertThat(token.status()).isEqualTo(200);
    assertThat(token.text()).isEqualTo("served admin=null\n");
    assertThat(request(HttpMethod.GET, "/admin/sync", "Authorization", basic("dev", TOKEN)).status()).isEqualTo(403);
    assertThat(request(HttpMethod.GET, "/admin/sync").status()).isEqualTo(401);
  }
}
