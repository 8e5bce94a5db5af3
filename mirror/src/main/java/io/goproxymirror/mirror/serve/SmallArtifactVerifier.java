package io.goproxymirror.mirror.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.goproxymirror.gomod.GoModFile;
import io.goproxymirror.gomod.InvalidModuleException;
import io.goproxymirror.gomod.ModulePath;
import io.goproxymirror.gomod.Semver;
import io.goproxymirror.mirror.fetch.RedactedText;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Checks untrusted {@code .info} and {@code .mod} bytes from an upstream before anything is stored. */
public final class SmallArtifactVerifier {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SmallArtifactVerifier() {}

  /**
   * Checks a {@code .info} (or {@code @latest}) body: a JSON object whose {@code Version} is
   * canonical and valid for {@code module}, equal to {@code expected} when that is not null, and
   * whose optional {@code Time} is RFC 3339. Returns the version; throws {@link
   * IllegalArgumentException} with a one-line reason otherwise.
   */
  public static String info(byte[] body, String module, String expected) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid JSON in .info");
    }
    if (node == null || !node.isObject() || !node.path("Version").isTextual()) {
      throw new IllegalArgumentException(".info has no Version");
    }
    String version = node.get("Version").asText();
    if (expected != null && !expected.equals(version)) {
      throw new IllegalArgumentException(".info is for version " + printable(version) + " instead of " + expected);
    }
    if (!Semver.isCanonical(version)) {
      throw new IllegalArgumentException(".info Version " + printable(version) + " is not canonical");
    }
    try {
      ModulePath.check(module, version);
    } catch (InvalidModuleException e) {
      throw new IllegalArgumentException(".info Version " + printable(version) + " is not valid for " + module);
    }
    JsonNode time = node.get("Time");
    if (time != null && !time.isNull()) {
      try {
        OffsetDateTime.parse(time.asText());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(".info Time is not RFC 3339");
      }
    }
    return version;
  }

  /**
   * Checks a {@code .mod} body: it must parse with a {@code module} directive naming a valid module
   * path. Returns that path. A path different from the requested module is accepted, as the go
   * command accepts it in direct mode (the consumer reports the mismatch; go.sum pins the bytes).
   */
  public static String mod(byte[] body) {
    Optional<String> path = GoModFile.modulePath(body);
    if (path.isEmpty()) {
      throw new IllegalArgumentException(".mod has no module directive");
    }
    try {
      ModulePath.checkImportPath(path.get());
    } catch (InvalidModuleException e) {
      throw new IllegalArgumentException(".mod declares an invalid module path");
    }
    return path.get();
  }

  private static String printable(String s) {
    String cut = s.length() > 80 ? s.substring(0, 80) : s;
    // The upstream's own text reaches the client's error line: anything that looks like a secret goes.
    return "\"" + RedactedText.of(cut.replaceAll("[^\\x20-\\x7e]", "?")) + "\"";
  }
}
