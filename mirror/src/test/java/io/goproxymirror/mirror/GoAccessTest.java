package io.goproxymirror.mirror;

import static io.goproxymirror.mirror.testkit.GitRepoBuilder.files;
import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.modzip.ModuleZipVerifier;
import io.goproxymirror.mirror.testkit.DownloadResult;
import io.goproxymirror.mirror.testkit.GitHttpServer;
import io.goproxymirror.mirror.testkit.GitRepoBuilder;
import io.goproxymirror.mirror.testkit.GoCommand;
import io.goproxymirror.mirror.testkit.RequiredTools;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import io.goproxymirror.mirror.testkit.TestCa;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real go command as the client of a mirror with access control. The go command sends
 * credentials ({@code .netrc}, or the GOPROXY URL's userinfo) only over https ("refusing to pass
 * credentials to insecure URL" otherwise), so the mirror serves https itself ({@code server.tls.*})
 * with a certificate of a test CA the go command trusts through {@code SSL_CERT_FILE}; the
 * restricted module is built by the mirror from a Git repository served over smart HTTP.
 */
@DisplayName("access control with the real go command")
class GoAccessTest {
  private static final String M = "corp.example.com/team/lib";
  private static final String GO_MOD = "module corp.example.com/team/lib\n\ngo 1.19\n";
  private static final String GIT_TOKEN = "corp-token-Zx81";
  private static final Instant T1 = Instant.parse("2024-05-06T07:08:09Z");

  @TempDir Path tmp;
  private Vertx vertx;
  private ScriptedUpstream proxy;
  private GitRepoBuilder repo;
  private GitHttpServer git;
  private MirrorHarness mirror;
  private TestCa ca;
  private String base;

  @BeforeEach
  void setUp() throws Exception {
    RequiredTools.go();
    vertx = Vertx.vertx();
    proxy = ScriptedUpstream.start(vertx);
    repo = GitRepoBuilder.createBare(tmp.resolve("git/corp/team/lib"));
    repo.commit(T1, files("go.mod", GO_MOD, "lib.go", "package lib\n")).tag("v1.0.0");
    git = GitHttpServer.start(tmp.resolve("git"), "mirror", GIT_TOKEN);
    Path users = Files.writeString(tmp.resolve("users.yaml"), AccessWiringTest.usersYaml(
        "dev", AccessWiringTest.DEV_TOKEN, "developers", "ci-bot", AccessWiringTest.CI_TOKEN, "ci"));
    String yaml = git.corpModulesYaml() + """
        auth:
          users-file: "%s"
          rules:
            - pattern: "corp.example.com/*"
              groups: [developers]
        """.formatted(users);
    ca = TestCa.create(tmp.resolve("certs"));
    TestCa.Pair pair = ca.issue("mirror", 1, TestCa.KeyFormat.EC_PKCS8);
    mirror = MirrorHarness.startWithYaml(tmp.resolve("data"), yaml, proxy.baseUrl(), "CORP_GIT_TOKEN", GIT_TOKEN,
        "MIRROR_SERVER_TLS_CERT_FILE", pair.cert().toString(), "MIRROR_SERVER_TLS_KEY_FILE", pair.key().toString());
    base = "https://127.0.0.1:" + mirror.port();
  }

  @AfterEach
  void tearDown() {
    mirror.close();
    git.close();
    repo.close();
    proxy.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  /** A go client of the mirror over https trusting the test CA, with {@code netrc} as its ~/.netrc if given. */
  private GoCommand client(String name, String goproxy, String netrc) throws Exception {
    GoCommand go = GoCommand.in(tmp.resolve(name)).withGoproxy(goproxy)
        .withEnv("SSL_CERT_FILE", ca.certificate().toString());
    if (netrc != null) {
      Path file = Files.writeString(tmp.resolve(name).resolve("home/.netrc"), netrc);
      go = go.withEnv("NETRC", file.toString());
    }
    return go;
  }

  private DownloadResult download(GoCommand go) throws Exception {
    Path cwd = Files.createDirectories(go.workDir().resolve("cwd"));
    return go.modDownload(cwd, M, "v1.0.0");
  }

  private static String netrc(String user, String token) {
    return "machine 127.0.0.1\nlogin " + user + "\npassword " + token + "\n";
  }

  @Test
  @DisplayName("go mod download of a restricted module: works with the right user, 401 line without, 403 outside the group")
  void restrictedModule() throws Exception {
    DownloadResult ok = download(client("go-dev", base, netrc("dev", AccessWiringTest.DEV_TOKEN)))
        .requireOk();
    assertThat(ok.version()).isEqualTo("v1.0.0");
    assertThat(Files.readString(ok.goMod())).isEqualTo(GO_MOD);
    assertThat(ModuleZipVerifier.verify(ok.zip(), M, "v1.0.0").entries()).isEqualTo(2);

    DownloadResult anonymous = download(client("go-anon", base, null));
    assertThat(anonymous.ok()).isFalse();
    assertThat(anonymous.error() + anonymous.process().describe())
        .contains("401 Unauthorized")
        .contains("authentication required: send HTTP Basic credentials");

    DownloadResult outsider = download(client("go-ci", base, netrc("ci-bot", AccessWiringTest.CI_TOKEN)));
    assertThat(outsider.ok()).isFalse();
    assertThat(outsider.error() + outsider.process().describe())
        .contains("403 Forbidden")
        .contains("forbidden: not in a group that may read this module")
        .doesNotContain(AccessWiringTest.CI_TOKEN);

    // the credentials in the GOPROXY URL's userinfo work as well (over https)
    String withUserinfo = base.replace("https://", "https://dev:" + AccessWiringTest.DEV_TOKEN + "@");
    DownloadResult userinfo = download(client("go-userinfo", withUserinfo, null)).requireOk();
    assertThat(userinfo.version()).isEqualTo("v1.0.0");
  }
}
