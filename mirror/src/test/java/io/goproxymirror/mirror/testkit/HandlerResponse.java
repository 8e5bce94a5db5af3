package io.goproxymirror.mirror.testkit;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * What a {@link HandlerTestBase} request received: status, headers and the whole body.
 *
 * @param status the status code
 * @param headers the response headers
 * @param body the body bytes (empty for HEAD and 304)
 */
public record HandlerResponse(int status, MultiMap headers, Buffer body) {
  /** A header's value, or null. */
  public String header(String name) {
    return headers.get(name);
  }

  /** The body as UTF-8 text. */
  public String text() {
    return body.toString(StandardCharsets.UTF_8);
  }
}
