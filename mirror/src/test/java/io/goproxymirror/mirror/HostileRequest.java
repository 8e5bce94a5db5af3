package io.goproxymirror.mirror;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One request of the hostile-path fuzzer, sent byte for byte: the request target is raw (it may
 * hold bytes no HTTP client library would send), headers are added after {@code Host}.
 */
record HostileRequest(String method, byte[] target, Map<String, String> headers, byte[] body) {

  /** The target for messages: printable ASCII kept, every other byte as {@code \xNN}. */
  String shownTarget() {
    StringBuilder out = new StringBuilder();
    int limit = Math.min(target.length, 300);
    for (int i = 0; i < limit; i++) {
      int b = target[i] & 0xff;
      if (b >= 0x20 && b < 0x7f && b != '\\') {
        out.append((char) b);
      } else {
        out.append(String.format("\\x%02x", b));
      }
    }
    if (target.length > limit) {
      out.append("...(").append(target.length).append(" bytes)");
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return method + " " + shownTarget() + (headers.isEmpty() ? "" : " " + headers)
        + (body.length == 0 ? "" : " body=" + new String(body, 0, Math.min(body.length, 60), StandardCharsets.ISO_8859_1));
  }
}
