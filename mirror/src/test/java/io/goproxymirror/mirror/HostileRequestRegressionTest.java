package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.Reply;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each request the hostile-path fuzzer once answered with a 5xx, with the answer it must get. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("requests the fuzzer found answering 5xx")
class HostileRequestRegressionTest {
  private Path tmp;
  private Vertx vertx;
  private ScriptedUpstream upstream;
  private MirrorHarness mirror;

  @BeforeAll
  void start() throws IOException {
    tmp = Files.createTempDirectory("hostile-regression");
    vertx = Vertx.vertx();
    upstream = ScriptedUpstream.start(vertx);
    mirror = MirrorHarness.startRole(Role.ALL, tmp.resolve("data"), "log:\n  level: warn\n", upstream.baseUrl(),
        "MIRROR_ADMIN_TOKEN", "regression-admin-token-0123");
    // Stored versions, so that the directories of these modules exist in the data directory.
    for (String module : new String[] {"github.com/!acme/!widget", "example.com/m"}) {
      upstream.on("/" + module + "/@v/v1.0.0.info", Reply.json("{\"Version\":\"v1.0.0\",\"Time\":\"2024-01-02T03:04:05Z\"}"));
      assertThat(mirror.get("/" + module + "/@v/v1.0.0.info").statusCode()).isEqualTo(200);
    }
  }

  @AfterAll
  void stop() throws IOException {
    mirror.close();
    upstream.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
    try (var tree = Files.walk(tmp)) {
      tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** {@code {N*c}} in a target stands for N times the text c. */
  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      // A version whose file name is longer than a file system allows (ENAMETOOLONG was a 500).
      "GET | /github.com/!acme/!widget/@v/v0.0.0-20240101000000-abcdef{300*a}.info | 400",
      "GET | /github.com/!acme/!widget/@v/v1.0.0-{300*a}.zip | 400",
      "GET | /example.com/{300*a}/@v/list | 400",
      "GET | /example.com/{300*a}/@latest | 400",
  })
  void answered(String method, String target, int status) throws IOException {
    RawHttp.Response response = RawHttp.send(mirror.port(), method, expand(target));
    assertThat(response.status()).as(response.head() + "\n" + response.body()).isEqualTo(status);
  }

  private static String expand(String target) {
    Matcher m = Pattern.compile("\\{(\\d+)\\*([^}]*)}").matcher(target);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
    }
    m.appendTail(out);
    return out.toString();
  }
}
