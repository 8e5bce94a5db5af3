package io.goproxymirror.mirror.testkit;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;

/**
 * What {@code go mod download -json module@version} reported. File paths point into the module
 * cache of the run; {@code error} is the go command's {@code Error} field (null on success).
 */
public record DownloadResult(
    String path,
    String version,
    Path info,
    Path goMod,
    Path zip,
    Path dir,
    String sum,
    String goModSum,
    String error,
    ProcessResult process) {

  public boolean ok() {
    return error == null && process.succeeded();
  }

  /** This result, or a test failure carrying the go command's error and stderr. */
  public DownloadResult requireOk() {
    if (!ok()) {
      Assertions.fail("go mod download failed for " + path + "@" + version
          + (error == null ? "" : ": " + error) + "\n" + process.describe());
    }
    return this;
  }

  public String infoText() {
    return new String(bytes(info), StandardCharsets.UTF_8);
  }

  public byte[] modBytes() {
    return bytes(goMod);
  }

  public byte[] zipBytes() {
    return bytes(zip);
  }

  static DownloadResult parse(ProcessResult run) {
    JsonObject json;
    try {
      json = new JsonObject(run.stdout());
    } catch (DecodeException | ClassCastException e) {
      return Assertions.fail("go mod download -json printed no JSON object\n" + run.describe());
    }
    return new DownloadResult(
        json.getString("Path"),
        json.getString("Version"),
        pathOrNull(json.getString("Info")),
        pathOrNull(json.getString("GoMod")),
        pathOrNull(json.getString("Zip")),
        pathOrNull(json.getString("Dir")),
        json.getString("Sum"),
        json.getString("GoModSum"),
        json.getString("Error"),
        run);
  }

  private static Path pathOrNull(String value) {
    return value == null || value.isEmpty() ? null : Path.of(value);
  }

  private static byte[] bytes(Path file) {
    if (file == null) {
      return Assertions.fail("go mod download reported no such file");
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
