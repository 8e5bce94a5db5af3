package io.goproxymirror.mirror;

import io.goproxymirror.mirror.http.AdminRoutes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar mirror.jar warm FILE --mirror URL}: posts a go.mod or go.sum to the mirror's
 * {@code POST /admin/warm}, prints the job id, and with {@code --wait} follows {@code GET
 * /admin/warm/{id}} until the job has finished. The admin token comes from {@code --token-file} or
 * the environment variable {@code MIRROR_ADMIN_TOKEN}, never from the command line, so it stays
 * out of shell histories and process lists.
 */
@Command(name = "warm", mixinStandardHelpOptions = true,
    description = "Prefetch every module version a go.mod or go.sum lists (and their requirements).")
final class WarmCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "a go.mod or go.sum file")
  private Path file;

  @Option(names = "--mirror", required = true, paramLabel = "URL",
      description = "the mirror's base URL, for example http://goproxy.internal:8080")
  private URI mirror;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "file holding the admin token (default: $MIRROR_ADMIN_TOKEN)")
  private Path tokenFile;

  @Option(names = "--wait", description = "wait until the job has finished and exit 1 if any version failed")
  private boolean await;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
      description = "how long --wait waits, default ${DEFAULT-VALUE}")
  private long timeoutSeconds;

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  WarmCommand(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (Files.size(file) > AdminRoutes.MAX_BODY_BYTES) {
      err.println("error: " + file + " is larger than 4 MiB");
      return 2;
    }
    String token = token();
    if (token == null) {
      err.println("error: no admin token: set MIRROR_ADMIN_TOKEN or pass --token-file");
      return 2;
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    URI base = URI.create(mirror.toString().replaceAll("/+$", "") + "/");
    HttpResponse<String> posted = client.send(HttpRequest.newBuilder(base.resolve("admin/warm"))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "text/plain; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofFile(file))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (posted.statusCode() != 202) {
      err.println("error: the mirror answered " + posted.statusCode() + ": " + firstLine(posted.body()));
      return 1;
    }
    JsonObject job = new JsonObject(posted.body());
    String id = job.getString("id");
    out.println("job " + id + ": " + job.getInteger("queued") + " versions queued");
    if (!await) {
      return 0;
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
    while (true) {
      HttpResponse<String> polled = client.send(HttpRequest.newBuilder(base.resolve("admin/warm/" + id))
          .timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + token)
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      if (polled.statusCode() != 200) {
        err.println("error: the mirror answered " + polled.statusCode() + ": " + firstLine(polled.body()));
        return 1;
      }
      JsonObject progress = new JsonObject(polled.body());
      if ("finished".equals(progress.getString("state"))) {
        out.println("job " + id + ": " + progress.getInteger("done") + " done, " + progress.getInteger("failed")
            + " failed");
        JsonArray failures = progress.getJsonArray("failures", new JsonArray());
        failures.stream().map(JsonObject.class::cast).forEach(f -> out.println(
            "  failed " + f.getString("module") + "@" + f.getString("version") + ": " + f.getString("reason")));
        return progress.getInteger("failed", 0) == 0 ? 0 : 1;
      }
      if (System.nanoTime() > deadline) {
        err.println("error: job " + id + " has not finished after " + timeoutSeconds + " s");
        return 1;
      }
      Thread.sleep(500);
    }
  }

  private String token() throws IOException {
    if (tokenFile != null) {
      return Files.readString(tokenFile).trim();
    }
    String value = env.get("MIRROR_ADMIN_TOKEN");
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static String firstLine(String body) {
    String line = body.lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) : line;
  }
}
