package io.goproxymirror.mirror.fetch.git;

import io.goproxymirror.gomod.Quoted;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * A resolved module version: the body of an {@code .info} or {@code @latest} answer.
 *
 * @param version the canonical version or pseudo-version
 * @param time the commit's committer time (whole seconds)
 * @param origin where it came from
 */
public record RevInfo(String version, Instant time, Origin origin) {
  public RevInfo {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(origin, "origin");
  }

  /**
   * {@code {"Version":"v1.2.3","Time":"2020-01-14T19:47:44Z","Origin":{...}}} as UTF-8, the
   * time in UTC.
   */
  public byte[] json() {
    String text = "{\"Version\":" + Quoted.json(version)
        + ",\"Time\":\"" + DateTimeFormatter.ISO_INSTANT.format(time) + "\""
        + ",\"Origin\":" + origin.json() + "}";
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
