package io.goproxymirror.mirror.testkit;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Assertions;

/** What {@code go list -m -versions -json module} reported; {@code error} is null on success. */
public record ModuleVersions(
    String path, String version, List<String> versions, String error, ProcessResult process) {

  public boolean ok() {
    return error == null && process.succeeded();
  }

  /** This result, or a test failure carrying the go command's error and stderr. */
  public ModuleVersions requireOk() {
    if (!ok()) {
      Assertions.fail("go list -m -versions failed for " + path
          + (error == null ? "" : ": " + error) + "\n" + process.describe());
    }
    return this;
  }

  static ModuleVersions parse(String module, ProcessResult run) {
    if (run.stdout().isBlank()) {
      String error = run.succeeded() ? "no output" : run.stderr().strip();
      return new ModuleVersions(module, null, List.of(), error, run);
    }
    JsonObject json;
    try {
      json = new JsonObject(run.stdout());
    } catch (DecodeException | ClassCastException e) {
      return Assertions.fail("go list -m -json printed no JSON object\n" + run.describe());
    }
    JsonArray versions = json.getJsonArray("Versions", new JsonArray());
    Object error = json.getValue("Error");
    String message = error instanceof JsonObject e ? e.getString("Err") : (String) error;
    if (message == null && !run.succeeded()) {
      message = run.stderr().strip();
    }
    return new ModuleVersions(
        json.getString("Path"),
        json.getString("Version"),
        versions.stream().map(String.class::cast).toList(),
        message,
        run);
  }
}
