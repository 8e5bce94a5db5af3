package io.goproxymirror.mirror.sumdb;

import io.goproxymirror.gomod.CaseEscaping;
import io.goproxymirror.gomod.InvalidModuleException;
import io.goproxymirror.gomod.NameLengths;
import io.goproxymirror.mirror.errors.BadRequestException;
import io.goproxymirror.mirror.errors.NotFoundException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code /sumdb/<name>/<rest>} request. The raw (still percent-encoded) path is checked
 * strictly: {@code rest} is {@code supported}, {@code latest}, {@code lookup/<esc-path>@<esc-version>}
 * or a tile path {@code tile/H/L/NNN[.p/W]} ({@code L} a level or {@code data}, {@code NNN} in
 * 3-digit groups with an {@code x} before every group but the last). Anything else is 404, a
 * malformed lookup 400, so no dot segment or other text ever reaches the database or the store.
 *
 * @param database the database name (first element after {@code /sumdb/})
 * @param kind what is asked
 * @param path the path to ask the database for, relative to its URL (canonically escaped)
 * @param modulePath the decoded module path of a lookup, else null
 */
public record SumdbRequest(String database, SumdbKind kind, String path, String modulePath) {
  static final String PREFIX = "/sumdb/";
  /** Longest raw path accepted, as for module proxy paths. */
  static final int MAX_RAW_PATH_BYTES = 2048;
  private static final Pattern TILE = Pattern.compile(
      "tile/([1-9][0-9]?)/(data|0|[1-9][0-9]?)/((?:x[0-9]{3}/){0,8}[0-9]{3})(?:\\.p/([1-9][0-9]{0,3}))?");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

  /**
   * Parses {@code rawPath}, a path the {@code /sumdb/*} route matched: {@code /sumdb} alone too.
   *
   * @throws NotFoundException for a path that names no sumdb endpoint
   * @throws BadRequestException for a malformed lookup
   */
  public static SumdbRequest parse(String rawPath) {
    if (!rawPath.startsWith(PREFIX)) {
      throw new NotFoundException("not found: no such checksum database endpoint");
    }
    if (rawPath.length() > MAX_RAW_PATH_BYTES) {
      throw new BadRequestException("bad request: path longer than " + MAX_RAW_PATH_BYTES + " bytes");
    }
    String rest = rawPath.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || !NAME.matcher(rest.substring(0, slash)).matches()) {
      throw new NotFoundException("not found: no such checksum database endpoint");
    }
    String name = rest.substring(0, slash);
    String endpoint = rest.substring(slash + 1);
    if (endpoint.equals("supported")) {
      return new SumdbRequest(name, SumdbKind.SUPPORTED, endpoint, null);
    }
    if (endpoint.equals("latest")) {
      return new SumdbRequest(name, SumdbKind.LATEST, endpoint, null);
    }
    if (endpoint.startsWith("lookup/")) {
      return lookup(name, endpoint.substring("lookup/".length()));
    }
    Matcher tile = TILE.matcher(endpoint);
    if (tile.matches()) {
      int height = Integer.parseInt(tile.group(1));
      if (height > 30 || (tile.group(4) != null && Integer.parseInt(tile.group(4)) >= (1 << height))) {
        throw new NotFoundException("not found: malformed tile path");
      }
      SumdbKind kind = tile.group(4) == null ? SumdbKind.FULL_TILE : SumdbKind.PARTIAL_TILE;
      return new SumdbRequest(name, kind, endpoint, null);
    }
    throw new NotFoundException("not found: no such checksum database endpoint");
  }

  private static SumdbRequest lookup(String name, String rawTarget) {
    String target = percentDecode(rawTarget);
    int at = target.indexOf('@');
    if (at <= 0 || at != target.lastIndexOf('@') || at == target.length() - 1) {
      throw new BadRequestException("bad request: lookup must be <module>@<version>");
    }
    try {
      String module = CaseEscaping.unescapePath(target.substring(0, at));
      String version = CaseEscaping.unescapeVersion(target.substring(at + 1));
      NameLengths.check(module, version);
      String path = "lookup/" + CaseEscaping.escapePath(module) + "@" + CaseEscaping.escapeVersion(version);
      return new SumdbRequest(name, SumdbKind.LOOKUP, path, module);
    } catch (InvalidModuleException e) {
      throw new BadRequestException(e.getMessage());
    }
  }

  /** Decodes %XX escapes; the result must be printable ASCII, and an escape may not make a '/'. */
  private static String percentDecode(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          throw new BadRequestException("bad request: malformed percent-encoding");
        }
        int value;
        try {
          value = Integer.parseInt(raw.substring(i + 1, i + 3), 16);
        } catch (NumberFormatException e) {
          throw new BadRequestException("bad request: malformed percent-encoding");
        }
        if (value == '/' || value == '%') {
          throw new BadRequestException("bad request: encoded '/' or '%' in a lookup");
        }
        c = (char) value;
        i += 2;
      }
      if (c <= 0x20 || c >= 0x7f) {
        throw new BadRequestException("bad request: lookup path must be printable ASCII");
      }
      out.append(c);
    }
    return out.toString();
  }
}
