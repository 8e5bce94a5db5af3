package io.goproxymirror.mirror.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scripted behaviour of {@link ScriptedUpstream}: a status, headers and body, optionally
 * delayed, dripped slowly, truncated, or replaced by a connection reset or no answer at all.
 * Immutable; the {@code with...}-style methods return copies. The declared Content-Length is
 * the full body length (also when the body is truncated) unless a test sets the header itself,
 * for example with {@link #declareLength}; whenever the bytes sent differ from the declared length
 * the server closes the connection after them.
 */
public record Reply(
    int status,
    Map<String, String> headers,
    byte[] body,
    Duration headerDelay,
    int dripBytes,
    Duration dripInterval,
    int truncateAfter,
    boolean reset,
    boolean neverAnswer) {

  private static final String TEXT = "text/plain; charset=utf-8";

  /** {@code status} with a text/plain body. */
  public static Reply of(int status, String body) {
    return new Reply(status, Map.of("Content-Type", TEXT), utf8(body), Duration.ZERO, 0,
        Duration.ZERO, -1, false, false);
  }

  /** 200 with a text/plain body (list, .mod). */
  public static Reply ok(String body) {
    return of(200, body);
  }

  /** 200 with arbitrary bytes and the given content type (.zip). */
  public static Reply ok(byte[] body, String contentType) {
    return of(200, "").body(body).header("Content-Type", contentType);
  }

  /** 200 with an application/json body (.info, @latest). */
  public static Reply json(String body) {
    return ok(body).header("Content-Type", "application/json");
  }

  /** 200 application/json whose body is not valid JSON. */
  public static Reply invalidJson() {
    return json("{\"Version\": \"v1.0.0\", \"Time\": ");
  }

  public static Reply notFound() {
    return of(404, "not found\n");
  }

  public static Reply gone() {
    return of(410, "gone\n");
  }

  /** The connection is reset (TCP RST) before any response byte is sent (see {@link #resetAfter}). */
  public static Reply resetBeforeHeaders() {
    return new Reply(0, Map.of(), new byte[0], Duration.ZERO, 0, Duration.ZERO, -1, true, false);
  }

  /** The request is never answered; the connection stays open until the client gives up. */
  public static Reply hang() {
    return new Reply(0, Map.of(), new byte[0], Duration.ZERO, 0, Duration.ZERO, -1, false, true);
  }

  public Reply header(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Reply(status, Map.copyOf(copy), body, headerDelay, dripBytes, dripInterval,
        truncateAfter, reset, neverAnswer);
  }

  public Reply body(byte[] bytes) {
    return new Reply(status, headers, bytes.clone(), headerDelay, dripBytes, dripInterval,
        truncateAfter, reset, neverAnswer);
  }

  /** Waits {@code delay} before sending the status line and headers (or the reset). */
  public Reply delayHeaders(Duration delay) {
    return new Reply(status, headers, body, delay, dripBytes, dripInterval, truncateAfter, reset,
        neverAnswer);
  }

  /**
   * Sends the headers at once, then the body {@code bytesPerChunk} bytes at a time, waiting {@code
   * interval} before each.
   */
  public Reply drip(int bytesPerChunk, Duration interval) {
    if (bytesPerChunk <= 0) {
      throw new IllegalArgumentException("bytesPerChunk must be positive");
    }
    return new Reply(status, headers, body, headerDelay, bytesPerChunk, interval, truncateAfter,
        reset, neverAnswer);
  }

  /** Sends only the first {@code bytes} bytes of the body, then closes the connection. */
  public Reply truncateAfter(int bytes) {
    return new Reply(status, headers, body, headerDelay, dripBytes, dripInterval, bytes, reset,
        neverAnswer);
  }

  /** Sends only the first {@code bytes} bytes of the body, then resets the connection (TCP RST). */
  public Reply resetAfter(int bytes) {
    return new Reply(status, headers, body, headerDelay, dripBytes, dripInterval, bytes, true, neverAnswer);
  }

  /**
   * Declares {@code length} in Content-Length whatever the body's real length (a lying upstream):
   * the whole body is sent, then the connection is closed. A length shorter than the body comes
   * with {@code Connection: close}, so the surplus bytes cannot pose as the answer to the client's
   * next request on a reused connection.
   */
  public Reply declareLength(long length) {
    return header("Content-Length", Long.toString(length));
  }

  /** The Content-Length this reply declares. */
  public long declaredLength() {
    String declared = headers.get("Content-Length");
    return declared == null ? body.length : Long.parseLong(declared);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
