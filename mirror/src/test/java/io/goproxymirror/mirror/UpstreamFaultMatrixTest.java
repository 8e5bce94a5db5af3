package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.modzip.ModuleZipVerifier;
import io.goproxymirror.mirror.testkit.GoproxyDirServer;
import io.goproxymirror.mirror.testkit.Reply;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scripted fault of upstream A, behind {@code A,B} and {@code A|B} with B healthy, for every
 * endpoint where the fault means something. One mirror per separator serves all cases (each case
 * has its own module path, and the breaker threshold is out of reach); a case's endpoints run at
 * once.
 */
@DisplayName("upstream fault matrix: fault x separator x endpoint")
class UpstreamFaultMatrixTest {
  private static final String VERSION = "v1.0.0";
  private static final Duration TOTAL = Duration.ofSeconds(3);
  /** The one explicit bound the matrix allows: the answer comes within the total deadline + 2 s. */
  private static final long BOUND_MILLIS = TOTAL.toMillis() + 2_000;
  private static final String WARM_UP = "example.com/faults/warm-up";

  @TempDir static Path tmp;
  private static Vertx vertx;
  private static ScriptedUpstream a;
  private static GoproxyDirServer b;
  private static ModuleFixture fixture;
  private static final Map<Separator, MirrorHarness> mirrors = new LinkedHashMap<>();
  private static ExecutorService pool;

  enum Separator {
    COMMA(","), PIPE("|");

    final String text;

    Separator(String text) {
      this.text = text;
    }
  }

  enum Endpoint {
    LIST("@v/list"), INFO("@v/" + VERSION + ".info"), MOD("@v/" + VERSION + ".mod"),
    ZIP("@v/" + VERSION + ".zip"), LATEST("@latest");

    final String suffix;

    Endpoint(String suffix) {
      this.suffix = suffix;
    }

    String path(String module) {
      return "/" + module + "/" + suffix;
    }

    /** The stored blob of this endpoint, for the artifacts of a version. */
    boolean artifact() {
      return this == INFO || this == MOD || this == ZIP;
    }
  }

  /** What the client must see. */
  enum Outcome {
    /** 200 with B's bytes, B asked. */
    FROM_B,
    /** 200 with A's bytes, B not asked. */
    FROM_A,
    /** 502 without asking B. */
    BAD_GATEWAY,
    /** 504 without asking B. */
    GATEWAY_TIMEOUT,
    /**
     * Behind ',' the zip streams while it arrives: an error status when the failure came before the
     * first byte was sent, else a broken transfer; never a whole body.
     */
    FAILED_TRANSFER
  }

  enum Fault {
    NOT_FOUND, GONE, STATUS_500, STATUS_502, STATUS_503, RESET_BEFORE_HEADERS, RESET_MID_BODY,
    STALL_BEFORE_HEADERS, DRIP_SLOWER_THAN_IDLE, TRUNCATED_ZIP, CORRUPTED_ZIP, LENGTH_LARGER_THAN_BODY,
    LENGTH_SMALLER_THAN_BODY, RETRY_AFTER_SHORT, RETRY_AFTER_PAST_DEADLINE;

    /**
     * The endpoints the fault is meaningful for: zip contents only for zips; a Content-Length
     * shorter than the body cuts a list or go.mod into a shorter text that may well be valid (HTTP
     * framing makes the prefix the body), so that lie is only detectable in JSON and zips.
     */
    Set<Endpoint> endpoints() {
      return switch (this) {
        case TRUNCATED_ZIP, CORRUPTED_ZIP -> EnumSet.of(Endpoint.ZIP);
        case LENGTH_SMALLER_THAN_BODY -> EnumSet.of(Endpoint.INFO, Endpoint.LATEST, Endpoint.ZIP);
        default -> EnumSet.allOf(Endpoint.class);
      };
    }

    /** A's script for an endpoint whose correct reply is {@code good}. */
    Reply[] script(Reply good) {
      int half = good.body().length / 2;
      return switch (this) {
        case NOT_FOUND -> new Reply[] {Reply.notFound()};
        case GONE -> new Reply[] {Reply.gone()};
        case STATUS_500 -> new Reply[] {Reply.of(500, "internal error\n")};
        case STATUS_502 -> new Reply[] {Reply.of(502, "bad gateway\n")};
        case STATUS_503 -> new Reply[] {Reply.of(503, "unavailable\n")};
        case RESET_BEFORE_HEADERS -> new Reply[] {Reply.resetBeforeHeaders()};
        case RESET_MID_BODY -> new Reply[] {good.resetAfter(half)};
        case STALL_BEFORE_HEADERS -> new Reply[] {good.delayHeaders(Duration.ofMillis(2_500))};
        case DRIP_SLOWER_THAN_IDLE -> new Reply[] {good.drip(Math.max(1, half / 2), Duration.ofMillis(900))};
        case TRUNCATED_ZIP -> new Reply[] {good.body(Arrays.copyOf(good.body(), half))};
        case CORRUPTED_ZIP -> new Reply[] {good.body(corrupted(good.body()))};
        case LENGTH_LARGER_THAN_BODY -> new Reply[] {good.declareLength(good.body().length + 100L)};
        case LENGTH_SMALLER_THAN_BODY -> new Reply[] {good.declareLength(half)};
        case RETRY_AFTER_SHORT -> new Reply[] {Reply.of(429, "slow down\n").header("Retry-After", "1"), good};
        case RETRY_AFTER_PAST_DEADLINE -> new Reply[] {Reply.of(429, "slow down\n").header("Retry-After", "3600")};
      };
    }

    Outcome expected(Endpoint endpoint, Separator separator) {
      boolean pipe = separator == Separator.PIPE;
      return switch (this) {
        case NOT_FOUND, GONE -> Outcome.FROM_B;
        case RETRY_AFTER_SHORT -> Outcome.FROM_A;
        case STATUS_500, STATUS_502, STATUS_503, RESET_BEFORE_HEADERS, RETRY_AFTER_PAST_DEADLINE ->
            pipe ? Outcome.FROM_B : Outcome.BAD_GATEWAY;
        case STALL_BEFORE_HEADERS -> pipe ? Outcome.FROM_B : Outcome.GATEWAY_TIMEOUT;
        case RESET_MID_BODY, LENGTH_LARGER_THAN_BODY, LENGTH_SMALLER_THAN_BODY, TRUNCATED_ZIP, CORRUPTED_ZIP ->
            pipe ? Outcome.FROM_B : endpoint == Endpoint.ZIP ? Outcome.FAILED_TRANSFER : Outcome.BAD_GATEWAY;
        case DRIP_SLOWER_THAN_IDLE ->
            pipe ? Outcome.FROM_B : endpoint == Endpoint.ZIP ? Outcome.FAILED_TRANSFER : Outcome.GATEWAY_TIMEOUT;
      };
    }

    /** Requests A receives for one client request: the first try plus the retries. */
    int attempts() {
      return switch (this) {
        case STATUS_502, STATUS_503 -> 3;
        case RETRY_AFTER_SHORT -> 2;
        default -> 1;
      };
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Fault fault : Fault.values()) {
      for (Separator separator : Separator.values()) {
        cases.add(Arguments.of(fault, separator));
      }
    }
    return cases.stream();
  }

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    a = ScriptedUpstream.start(vertx);
    fixture = new ModuleFixture(tmp.resolve("b"));
    for (Fault fault : Fault.values()) {
      for (Separator separator : Separator.values()) {
        String module = module(fault, separator);
        fixture.version(module, module, VERSION, files(module));
        fixture.write(module + "/@v/list", VERSION + "\n");
        fixture.write(module + "/@latest", info());
      }
    }
    fixture.version(WARM_UP, WARM_UP, VERSION, files(WARM_UP));
    fixture.write(WARM_UP + "/@v/list", VERSION + "\n");
    fixture.write(WARM_UP + "/@latest", info());
    b = GoproxyDirServer.start(vertx, tmp.resolve("b"));
    for (Separator separator : Separator.values()) {
      mirrors.put(separator, MirrorHarness.start(tmp.resolve("data-" + separator), a.baseUrl() + separator.text + b.baseUrl(),
          "MIRROR_UPSTREAM_TIMEOUTS_CONNECT", "1s",
          "MIRROR_UPSTREAM_TIMEOUTS_FIRST_BYTE", "1s",
          "MIRROR_UPSTREAM_TIMEOUTS_IDLE", "500ms",
          "MIRROR_UPSTREAM_TIMEOUTS_TOTAL", TOTAL.toSeconds() + "s",
          "MIRROR_UPSTREAM_RETRIES_MAX", "2",
          "MIRROR_UPSTREAM_RETRIES_BACKOFF", "50ms",
          "MIRROR_UPSTREAM_HEALTH_FAILURES_TO_OPEN", "100000"));
    }
    pool = Executors.newFixedThreadPool(Endpoint.values().length);
    // A cold JVM can take longer than the 500 ms idle deadline for its first answers: warm every
    // endpoint of both mirrors up on a module A does not have.
    for (MirrorHarness mirror : mirrors.values()) {
      for (Endpoint endpoint : Endpoint.values()) {
        assertThat(mirror.get(endpoint.path(WARM_UP)).statusCode()).as("warm-up %s", endpoint).isEqualTo(200);
      }
    }
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
    mirrors.values().forEach(MirrorHarness::close);
    b.close();
    a.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @ParameterizedTest(name = "{0} behind A{1}B")
  @MethodSource("cases")
  @DisplayName("status, fall-through, deadline, and nothing bad stored")
  void fault(Fault fault, Separator separator) throws Exception {
    MirrorHarness mirror = mirrors.get(separator);
    String module = module(fault, separator);
    Map<Endpoint, Reply> good = goodReplies(module);
    for (Endpoint endpoint : fault.endpoints()) {
      a.on(endpoint.path(module), fault.script(good.get(endpoint)));
    }
    Map<Endpoint, Future<Result>> running = new LinkedHashMap<>();
    for (Endpoint endpoint : fault.endpoints()) {
      running.put(endpoint, pool.submit(() -> Result.of(mirror, endpoint.path(module))));
    }
    for (Map.Entry<Endpoint, Future<Result>> entry : running.entrySet()) {
      Endpoint endpoint = entry.getKey();
      Result result = entry.getValue().get();
      Outcome expected = fault.expected(endpoint, separator);
      String what = fault + " behind A" + separator.text + "B, " + endpoint;
      System.out.printf("[fault-matrix] %s: %s in %d ms (expected %s)%n", what,
          result.status() < 0 ? "broken transfer" : result.status(), result.millis(), expected);
      assertThat(result.millis()).as("%s answered within total + 2s", what).isLessThan(BOUND_MILLIS);
      String path = endpoint.path(module);
      assertThat(a.requests().count(path)).as("%s: requests to A", what).isEqualTo(fault.attempts());
      assertThat(b.requests().count(path)).as("%s: B asked", what).isEqualTo(expected == Outcome.FROM_B ? 1 : 0);
      byte[] correct = good.get(endpoint).body();
      switch (expected) {
        case FROM_A, FROM_B -> {
          assertThat(result.status()).as(what).isEqualTo(200);
          assertThat(result.body()).as(what).isEqualTo(correct);
        }
        case BAD_GATEWAY -> assertThat(result.status()).as(what).isEqualTo(502);
        case GATEWAY_TIMEOUT -> assertThat(result.status()).as(what).isEqualTo(504);
        case FAILED_TRANSFER -> assertThat(result.status()).as(what).isIn(-1, 502, 504);
      }
      if (expected != Outcome.FROM_A && expected != Outcome.FROM_B && endpoint.artifact()) {
        assertThat(mirror.dataDir().resolve(module + "/" + endpoint.suffix)).as("%s: nothing stored", what)
            .doesNotExist();
      }
    }
    assertNoStagingLeftovers(mirror);

    for (Endpoint endpoint : fault.endpoints()) {
      a.on(endpoint.path(module), good.get(endpoint));
      Result after = Result.of(mirror, endpoint.path(module));
      assertThat(after.status()).as("%s after the fault is removed", endpoint).isEqualTo(200);
      assertThat(after.body()).as("%s after the fault is removed", endpoint).isEqualTo(good.get(endpoint).body());
      if (endpoint == Endpoint.ZIP) {
        assertThat(h1(after.body(), module)).isEqualTo(h1(good.get(endpoint).body(), module));
      }
    }
  }

  /** One client request: status (-1 for a broken transfer), body and elapsed time. */
  private record Result(int status, byte[] body, long millis) {
    static Result of(MirrorHarness mirror, String path) {
      long start = System.nanoTime();
      try {
        HttpResponse<byte[]> response = mirror.get(path);
        return new Result(response.statusCode(), response.body(), (System.nanoTime() - start) / 1_000_000);
      } catch (UncheckedIOException brokenTransfer) {
        return new Result(-1, new byte[0], (System.nanoTime() - start) / 1_000_000);
      }
    }
  }

  private static String module(Fault fault, Separator separator) {
    return "example.com/faults/" + fault.name().toLowerCase(Locale.ROOT).replace('_', '-')
        + "-" + separator.name().toLowerCase(Locale.ROOT);
  }

  private static Map<String, String> files(String module) {
    return Map.of(
        "go.mod", "module " + module + "\n\ngo 1.19\n",
        "lib.go", "package lib\n\n// Answer is the answer.\nconst Answer = 42\n".repeat(20));
  }

  private static String info() {
    return "{\"Version\":\"" + VERSION + "\",\"Time\":\"2024-01-02T03:04:05Z\"}";
  }

  /** The correct replies, byte for byte what B serves. */
  private static Map<Endpoint, Reply> goodReplies(String module) throws IOException {
    Path root = tmp.resolve("b").resolve(module);
    Map<Endpoint, Reply> replies = new LinkedHashMap<>();
    replies.put(Endpoint.LIST, Reply.ok(Files.readString(root.resolve("@v/list"))));
    replies.put(Endpoint.INFO, Reply.json(Files.readString(root.resolve("@v/" + VERSION + ".info"))));
    replies.put(Endpoint.MOD, Reply.ok(Files.readString(root.resolve("@v/" + VERSION + ".mod"))));
    replies.put(Endpoint.ZIP, Reply.ok(Files.readAllBytes(root.resolve("@v/" + VERSION + ".zip")), "application/zip"));
    replies.put(Endpoint.LATEST, Reply.json(Files.readString(root.resolve("@latest"))));
    return replies;
  }

  /**
   * The zip with bytes flipped inside the first entry's compressed data: the structure still
   * parses, but the content no longer inflates to the bytes its CRC-32 describes.
   */
  private static byte[] corrupted(byte[] zip) {
    byte[] copy = zip.clone();
    int nameLength = (copy[26] & 0xff) | (copy[27] & 0xff) << 8;
    int extraLength = (copy[28] & 0xff) | (copy[29] & 0xff) << 8;
    int data = 30 + nameLength + extraLength;
    for (int i = data + 4; i < data + 8; i++) {
      copy[i] = (byte) (copy[i] ^ 0x5a);
    }
    return copy;
  }

  private static String h1(byte[] zip, String module) throws Exception {
    Path file = Files.createTempFile(tmp, "h1", ".zip");
    Files.write(file, zip);
    return ModuleZipVerifier.verify(file, module, VERSION).h1();
  }

  private static void assertNoStagingLeftovers(MirrorHarness mirror) throws IOException {
    Path staging = mirror.dataDir().resolve(".tmp");
    if (Files.isDirectory(staging)) {
      try (Stream<Path> files = Files.list(staging)) {
        assertThat(files.toList()).as("staging leftovers").isEmpty();
      }
    }
  }
}
