package io.goproxymirror.mirror.protocol;

import io.goproxymirror.mirror.errors.BadRequestException;
import java.nio.charset.StandardCharsets;

/**
 * Strict percent-decoding of a raw GOPROXY request path, rejecting everything the go command never
 * sends: relative or overlong paths, malformed escapes, control characters, backslashes, non-ASCII
 * bytes and dot segments in any spelling. {@code +} is an ordinary character.
 */
final class RequestPathDecoder {
  /** Longest raw request path accepted, in bytes. */
  static final int MAX_RAW_PATH_BYTES = 2048;

  private RequestPathDecoder() {}

  static String decode(String raw) {
    if (raw == null || raw.isEmpty()) {
      throw new BadRequestException("empty request path");
    }
    if (raw.length() > MAX_RAW_PATH_BYTES) {
      throw new BadRequestException("request path longer than " + MAX_RAW_PATH_BYTES + " bytes");
    }
    if (raw.charAt(0) != '/') {
      throw new BadRequestException("request path must start with /");
    }
    byte[] out = new byte[raw.length()];
    int n = 0;
    for (int i = 0; i < raw.length(); i++) {
      int b = raw.charAt(i);
      if (b == '%') {
        int hi = i + 1 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
        int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0 || raw.charAt(i + 1) >= 0x80 || raw.charAt(i + 2) >= 0x80) {
          throw new BadRequestException("invalid percent-encoding in request path");
        }
        b = (hi << 4) | lo;
        i += 2;
      }
      out[n++] = (byte) checkByte(b);
    }
    String path = new String(out, 0, n, StandardCharsets.US_ASCII);
    for (String segment : path.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new BadRequestException("dot segment in request path");
      }
    }
    return path;
  }

  private static int checkByte(int b) {
    if (b >= 0x80) {
      throw new BadRequestException("non-ASCII character in request path");
    }
    if (b < 0x20 || b == 0x7f) {
      throw new BadRequestException("control character in request path");
    }
    if (b == '\\') {
      throw new BadRequestException("backslash in request path");
    }
    return b;
  }
}
